"""Execute one notebook with the cnnlab kernel through nbclient (real Jupyter), write the executed copy.

usage: run_notebook.py NOTEBOOK OUT [TIMEOUT_PER_CELL]
Exit 0 when every cell ran; 1 with the failing cell's error on stderr otherwise.
"""
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main():
    src, out = sys.argv[1], sys.argv[2]
    timeout = int(sys.argv[3]) if len(sys.argv) > 3 else 600
    for attempt in (1, 2):
        nb = nbformat.read(src, as_version=4)
        client = NotebookClient(nb, kernel_name="cnnlab", timeout=timeout, allow_errors=False)
        try:
            client.execute()
            code = 0
        except CellExecutionError as e:
            print(str(e), file=sys.stderr)
            code = 1
        except RuntimeError as e:
            # jupyter_client picks free ports and releases them before the kernel binds them: another process can
            # take one in between ("Address already in use"), and the kernel dies before its first reply. Once
            # more with new ports; a kernel that dies after running a cell is a failure.
            ran = any(c.get("execution_count") for c in nb.cells if c.cell_type == "code")
            if attempt == 2 or ran:
                raise
            print(f"the kernel did not start ({e}); once more", file=sys.stderr)
            continue
        nbformat.write(nb, out)
        sys.exit(code)


if __name__ == "__main__":
    main()
