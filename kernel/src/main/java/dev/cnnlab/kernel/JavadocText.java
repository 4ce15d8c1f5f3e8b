package dev.cnnlab.kernel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.sun.source.doctree.DeprecatedTree;
import com.sun.source.doctree.DocCommentTree;
import com.sun.source.doctree.DocTree;
import com.sun.source.doctree.EndElementTree;
import com.sun.source.doctree.EntityTree;
import com.sun.source.doctree.ErroneousTree;
import com.sun.source.doctree.LinkTree;
import com.sun.source.doctree.LiteralTree;
import com.sun.source.doctree.ParamTree;
import com.sun.source.doctree.ReferenceTree;
import com.sun.source.doctree.ReturnTree;
import com.sun.source.doctree.SeeTree;
import com.sun.source.doctree.StartElementTree;
import com.sun.source.doctree.TextTree;
import com.sun.source.doctree.ThrowsTree;

import dev.cnnlab.display.Html;

/**
 * A Javadoc comment as the notebook's inspector shows it: readable text (text/plain) and simple HTML (text/html).
 * The main description comes first, then parameters, return value and exceptions. In the text, HTML tags go
 * ({@code <p>} becomes a blank line, {@code <li>} a dash), {@code {@code x}} becomes {@code x}, {@code {@link
 * Foo#bar}} becomes {@code Foo.bar}, paragraphs are wrapped and {@code <pre>} blocks kept as written.
 */
record JavadocText(String text, String html) {
    private static final int WIDTH = 100;
    /** Tags passed through to the HTML; others (links, styles, images) are dropped, their text kept. */
    private static final Set<String> HTML_TAGS = Set.of("p", "code", "ul", "ol", "li", "b", "i", "em", "strong",
            "br", "sub", "sup", "tt", "table", "tr", "td", "th", "dl", "dt", "dd");

    static JavadocText of(DocCommentTree doc) {
        Renderer r = new Renderer();
        r.body(doc.getFullBody());
        r.flush();
        r.blockTags(doc.getBlockTags());
        String text = r.text.toString().replaceAll("\n{3,}", "\n\n").strip();
        return new JavadocText(text, r.html.toString().strip());
    }

    private static final class Renderer {
        final StringBuilder text = new StringBuilder();
        final StringBuilder html = new StringBuilder();
        final StringBuilder para = new StringBuilder();  // the paragraph being read, wrapped when it ends
        final StringBuilder pre = new StringBuilder();   // a <pre> block being read, kept line for line
        int preDepth;
        String indent = "";  // of block-tag items
        String hang = "";    // extra indent of a list item's or block-tag item's further lines

        void body(List<? extends DocTree> trees) {
            for (DocTree t : trees) node(t);
        }

        void node(DocTree t) {
            switch (t.getKind()) {
                case TEXT -> flow(((TextTree) t).getBody(), Html.escape(((TextTree) t).getBody()));
                case ENTITY -> {
                    String name = ((EntityTree) t).getName().toString();
                    flow(entity(name), "&" + name + ";");
                }
                case CODE, LITERAL -> {
                    String b = ((LiteralTree) t).getBody().getBody();
                    flow(b, t.getKind() == DocTree.Kind.CODE ? "<code>" + Html.escape(b) + "</code>" : Html.escape(b));
                }
                case LINK, LINK_PLAIN -> {
                    LinkTree link = (LinkTree) t;
                    if (!link.getLabel().isEmpty()) body(link.getLabel());
                    else {
                        String ref = reference(link.getReference().getSignature());
                        flow(ref, "<code>" + Html.escape(ref) + "</code>");
                    }
                }
                case REFERENCE -> {  // in @see
                    String ref = reference(((ReferenceTree) t).getSignature());
                    flow(ref, "<code>" + Html.escape(ref) + "</code>");
                }
                case START_ELEMENT -> start(((StartElementTree) t).getName().toString().toLowerCase(Locale.ROOT));
                case END_ELEMENT -> end(((EndElementTree) t).getName().toString().toLowerCase(Locale.ROOT));
                case ERRONEOUS -> flow(((ErroneousTree) t).getBody(), Html.escape(((ErroneousTree) t).getBody()));
                default -> { }  // {@inheritDoc}, {@index}, ...: nothing to show
            }
        }

        /** Text in the running paragraph, or verbatim inside {@code <pre>}. */
        void flow(String plain, String htmlPart) {
            if (preDepth > 0) {
                pre.append(plain);
                return;
            }
            para.append(plain);
            html.append(htmlPart);
        }

        void start(String tag) {
            switch (tag) {
                case "pre" -> { flush(); text.append('\n'); preDepth++; }
                case "p", "ul", "ol" -> { flush(); text.append('\n'); }
                case "li" -> { flush(); para.append("- "); hang = "  "; }
                case "br", "table", "tr", "dl", "dt", "dd" -> flush();
                default -> { }
            }
            if (preDepth == 0 && HTML_TAGS.contains(tag)) html.append('<').append(tag).append('>');
        }

        void end(String tag) {
            if (tag.equals("pre") && preDepth > 0 && --preDepth == 0) {
                String code = dedent(pre.toString());
                pre.setLength(0);
                for (String line : code.split("\n", -1)) text.append(indent).append("    ").append(line).append('\n');
                text.append('\n');
                html.append("<pre>").append(Html.escape(code)).append("</pre>");
                return;
            }
            if (Set.of("p", "li", "ul", "ol", "table", "tr", "dl", "dd").contains(tag)) flush();
            if (preDepth == 0 && HTML_TAGS.contains(tag)) html.append("</").append(tag).append('>');
        }

        /** Ends the running paragraph: whitespace collapsed, wrapped at {@link #WIDTH}. */
        void flush() {
            String words = para.toString().replaceAll("\\s+", " ").strip();
            String next = indent + hang;
            para.setLength(0);
            hang = "";
            if (words.isEmpty() || words.equals("-")) return;
            StringBuilder line = new StringBuilder(indent);
            for (String w : words.split(" ")) {
                if (line.length() > indent.length() && line.length() + 1 + w.length() > WIDTH) {
                    text.append(line).append('\n');
                    line.setLength(0);
                    line.append(next);
                } else if (line.length() > indent.length() && !line.toString().endsWith(" ")) {
                    line.append(' ');
                }
                line.append(w);
            }
            text.append(line).append('\n');
        }

        /** Parameters, return value, exceptions, see-also and deprecation, in the order they are written. */
        void blockTags(List<? extends DocTree> tags) {
            String heading = null;
            boolean any = false;
            for (DocTree t : tags) {
                String h;
                String name = null;
                List<? extends DocTree> description;
                switch (t.getKind()) {
                    case PARAM -> {
                        ParamTree p = (ParamTree) t;
                        h = "Parameters:";
                        name = (p.isTypeParameter() ? "<" + p.getName() + ">" : p.getName().toString());
                        description = p.getDescription();
                    }
                    case RETURN -> { h = "Returns:"; description = ((ReturnTree) t).getDescription(); }
                    case THROWS, EXCEPTION -> {
                        h = "Throws:";
                        name = reference(((ThrowsTree) t).getExceptionName().getSignature());
                        description = ((ThrowsTree) t).getDescription();
                    }
                    case SEE -> { h = "See also:"; description = ((SeeTree) t).getReference(); }
                    case DEPRECATED -> { h = "Deprecated:"; description = ((DeprecatedTree) t).getBody(); }
                    default -> { continue; }  // @since, @author, ...: not for a notebook reader
                }
                if (!any) {
                    text.append('\n');
                    html.append("<dl>");
                    any = true;
                }
                boolean items = name != null || h.equals("See also:");
                if (!h.equals(heading)) {
                    if (items) text.append(h).append('\n');
                    html.append("<dt>").append(Html.escape(h)).append("</dt>");
                    heading = h;
                }
                html.append("<dd>");
                if (items) indent = "  ";
                else para.append(h).append(' ');
                hang = "  ";
                if (name != null) {
                    para.append(name).append(" - ");
                    html.append("<code>").append(Html.escape(name)).append("</code> &ndash; ");
                }
                body(description);
                flush();
                indent = "";
                html.append("</dd>");
            }
            if (any) html.append("</dl>");
        }
    }

    /** {@code #topK(int)} → {@code topK(int)}, {@code Devices#training()} → {@code Devices.training()}. */
    private static String reference(String signature) {
        return signature.startsWith("#") ? signature.substring(1) : signature.replace('#', '.');
    }

    private static String entity(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> " ";
            default -> name.matches("#[xX]\\p{XDigit}+") ? Character.toString(Integer.parseInt(name.substring(2), 16))
                    : name.matches("#\\d+") ? Character.toString(Integer.parseInt(name.substring(1))) : "&" + name + ";";
        };
    }

    /** Drops blank first and last lines and the indentation all lines share. */
    private static String dedent(String block) {
        List<String> lines = new ArrayList<>(Arrays.asList(block.split("\n", -1)));
        while (!lines.isEmpty() && lines.get(0).isBlank()) lines.remove(0);
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) lines.remove(lines.size() - 1);
        int common = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        List<String> out = new ArrayList<>();
        for (String l : lines) out.add(l.isBlank() ? "" : l.substring(common).stripTrailing());
        return String.join("\n", out);
    }
}
