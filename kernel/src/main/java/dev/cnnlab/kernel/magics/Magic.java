package dev.cnnlab.kernel.magics;

/** A line magic ({@code %name args}) or, run on a whole cell body, a cell magic ({@code %%name}). */
public interface Magic {
    /** The name after the {@code %}. */
    String name();

    /** One line of help for {@code %lsmagic}. */
    String help();

    /** Runs the magic with the rest of its line. */
    void line(String args, MagicContext ctx);

    /** Runs the magic as {@code %%name args} on the cell {@code body}; most magics have no cell form. */
    default void cell(String args, String body, MagicContext ctx) {
        throw new MagicException("%%" + name() + " has no cell form; use %" + name() + " on a line");
    }
}
