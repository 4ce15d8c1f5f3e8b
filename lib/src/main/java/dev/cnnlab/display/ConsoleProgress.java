package dev.cnnlab.display;


/** A progress line on the console, rewritten in place with a carriage return. */
final class ConsoleProgress implements Progress {
    private static final int WIDTH = 30;
    private final String title;
    private final long total;
    private long lastPrint;

    ConsoleProgress(String title, long total) {
        this.title = title;
        this.total = Math.max(1, total);
    }

    @Override
    public void update(long done, String status) {
        long now = System.nanoTime();
        if (done < total && now - lastPrint < 200_000_000L) return; // at most 5 redraws a second
        lastPrint = now;
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        System.out.print("\r" + title + " [" + "=".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + done + "/" + total + (status.isEmpty() ? "" : " " + status));
        System.out.flush();
    }

    @Override
    public void close() {
        System.out.println();
    }
}
