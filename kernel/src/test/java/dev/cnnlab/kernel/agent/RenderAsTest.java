package dev.cnnlab.kernel.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** IJava's {@code render(o, as...)} and {@code display(o, as...)}: the requested MIME types plus text/plain. */
class RenderAsTest {
    @Test
    void aStringBecomesEachRequestedTextType() {
        var b = Notebook.render("<b>Bold</b>", "text/html", "text/markdown");
        assertEquals(List.of("text/plain", "text/html", "text/markdown"), List.copyOf(b.data().keySet()));
        assertEquals("<b>Bold</b>", b.data().get("text/html"));
        assertEquals("alert(1)", Notebook.render("alert(1)", "application/javascript").data().get("application/javascript"));
    }

    @Test
    void noTypesMeansThePreferredOnes() {
        assertEquals(Notebook.render("x").data(), Notebook.render("x", new String[0]).data());
        assertEquals(List.of("text/plain"), List.copyOf(Notebook.render("x").data().keySet()));
    }

    @Test
    void anImageCanBeJpegAndATypeItCannotBeIsLeftOut() {
        var img = new BufferedImage(4, 3, BufferedImage.TYPE_INT_ARGB);
        var b = Notebook.render(img, "image/jpeg", "text/html", "image/*");
        assertEquals(List.of("text/plain", "image/jpeg", "image/png"), List.copyOf(b.data().keySet()));
        byte[] jpeg = Base64.getDecoder().decode(b.data().get("image/jpeg"));
        assertEquals(0xFF, jpeg[0] & 0xFF);
        assertEquals(0xD8, jpeg[1] & 0xFF);  // a JPEG's start-of-image marker
        assertEquals("BufferedImage 4x3", b.data().get("text/plain"));
    }

    @Test
    void wildcardsAndBlankTypes() {
        assertTrue(RenderAs.matches("*", "image/png"));
        assertTrue(RenderAs.matches("image/*", "image/png"));
        assertTrue(!RenderAs.matches("image/*", "text/html"));
        var e = assertThrows(IllegalArgumentException.class, () -> Notebook.render("x", " "));
        assertEquals("render: a MIME type is blank", e.getMessage());
    }
}
