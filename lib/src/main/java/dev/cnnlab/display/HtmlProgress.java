package dev.cnnlab.display;


/** A progress bar in the notebook: one display, replaced in place at most 4 times a second. */
final class HtmlProgress implements Progress {
    private final String title;
    private final long total;
    private String id;
    private long lastShown;
    private Bar latest;

    HtmlProgress(String title, long total) {
        this.title = title;
        this.total = Math.max(1, total);
    }

    /** What is shown: text for plain front ends, HTML for rich ones. */
    record Bar(String title, long done, long total, String status) implements HtmlRenderable {
        @Override
        public String toHtml() {
            double pct = 100.0 * Math.min(done, total) / total;
            return "<div style=\"font-family:monospace;white-space:nowrap\">" + Html.escape(title)
                    + " <span style=\"display:inline-block;width:220px;height:10px;background:#eee;"
                    + "border:1px solid #bbb;vertical-align:middle\"><span style=\"display:block;height:100%;width:"
                    + String.format("%.1f", pct) + "%;background:#4c8bf5\"></span></span> " + done + "/" + total + " "
                    + Html.escape(status) + "</div>";
        }

        @Override
        public String toString() {
            return title + " " + done + "/" + total + " " + status;
        }
    }

    @Override
    public void update(long done, String status) {
        latest = new Bar(title, done, total, status);
        long now = System.nanoTime();
        if (id == null) {
            id = Display.show(latest);
            lastShown = now;
        } else if (done >= total || now - lastShown > 250_000_000L) {
            Display.update(id, latest);
            lastShown = now;
        }
    }

    @Override
    public void close() {
        if (id != null && latest != null) Display.update(id, latest); // the final state stays visible
    }
}
