package dev.cnnlab.kernel.magics;

/** {@code %time code} and {@code %%time}: runs the code and prints its wall-clock time. */
public final class TimeMagic implements Magic {
    @Override
    public String name() {
        return "time";
    }

    @Override
    public String help() {
        return "%time CODE / %%time: run the code, print the wall time";
    }

    @Override
    public void line(String args, MagicContext ctx) {
        cell("", args, ctx);
    }

    @Override
    public void cell(String args, String body, MagicContext ctx) {
        long t0 = System.nanoTime();
        try {
            ctx.runCell(body);
        } finally {
            ctx.println(String.format("Wall time: %.1f ms", (System.nanoTime() - t0) / 1e6));
        }
    }
}
