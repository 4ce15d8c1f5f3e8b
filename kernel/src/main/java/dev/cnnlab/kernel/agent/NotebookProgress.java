package dev.cnnlab.kernel.agent;

import dev.cnnlab.display.Html;
import dev.cnnlab.display.Progress;

/**
 * A progress bar drawn as HTML in one notebook display that is updated in place (update_display_data),
 * at most {@value #MIN_INTERVAL_MS}-ms apart so a fast loop does not flood the front end.
 */
final class NotebookProgress implements Progress {
    static final long MIN_INTERVAL_MS = 200;

    private final String title;
    private final long total;
    private final String id;
    private final long startNanos = System.nanoTime();
    private long lastSent;
    private long done;
    private String status = "";
    private boolean closed;

    NotebookProgress(String title, long total) {
        this.title = title;
        this.total = Math.max(total, 0);
        this.id = Notebook.display(bundle());
        this.lastSent = System.currentTimeMillis();
    }

    @Override
    public synchronized void update(long done, String status) {
        this.done = done;
        this.status = status == null ? "" : status;
        long now = System.currentTimeMillis();
        if (now - lastSent >= MIN_INTERVAL_MS || (total > 0 && done >= total)) {
            lastSent = now;
            Notebook.updateDisplay(id, bundle());
        }
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        Notebook.updateDisplay(id, bundle());
    }

    private MimeBundle bundle() {
        double frac = total > 0 ? Math.min(1.0, (double) done / total) : 0;
        double secs = (System.nanoTime() - startNanos) / 1e9;
        String count = total > 0 ? done + "/" + total : String.valueOf(done);
        String text = String.format("%s %3.0f%% %s %.1fs %s", title, frac * 100, count, secs, status);
        String html = String.format(
                "<div style=\"font-family:monospace\">%s <progress value=\"%d\" max=\"%d\" style=\"width:40%%\"></progress>"
                        + " %3.0f%% %s <span style=\"color:#666\">%.1fs</span> %s</div>",
                Html.escape(title), done, Math.max(total, 1), frac * 100, count, secs, Html.escape(status));
        return MimeBundle.text(text.strip()).put("text/html", html);
    }
}
