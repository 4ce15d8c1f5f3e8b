package dev.cnnlab.kernel.magics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class MagicArgsTest {
    @Test
    void splitsOnSpacesAndKeepsQuotedPathsWhole() {
        assertEquals(List.of("a:b:1", "c:d:jar:2"), MagicArgs.split("  a:b:1   c:d:jar:2 "));
        assertEquals(List.of("my dir/x.jar", "it's", "--from=r"), MagicArgs.split("\"my dir/x.jar\" \"it's\" --from=r"));
        assertEquals(List.of(), MagicArgs.split("   "));
        assertEquals(List.of(""), MagicArgs.split("''"));
    }

    @Test
    void anUnclosedQuoteIsNamed() {
        var e = assertThrows(MagicException.class, () -> MagicArgs.split("a \"b c"));
        assertTrue(e.getMessage().contains("unclosed \" at column 3"), e.getMessage());
    }
}
