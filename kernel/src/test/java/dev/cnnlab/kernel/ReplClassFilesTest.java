package dev.cnnlab.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Statements' classes leave JShell's cache once they ran; declarations stay usable. Local execution: no agent. */
class ReplClassFilesTest {
    private JShell shell;
    private ReplClassFiles files;

    @BeforeEach
    void start() {
        shell = JShell.builder().executionEngine("local").build();
        files = ReplClassFiles.of(shell);
        assertTrue(files.active(), "surefire opens jdk.jshell as the launcher does");
    }

    @AfterEach
    void stop() {
        shell.close();
    }

    private List<SnippetEvent> eval(String source) {
        List<SnippetEvent> events = shell.eval(source);
        files.prune(shell);
        return events;
    }

    private String value(String expression) {
        SnippetEvent e = eval(expression).get(0);
        assertEquals(Snippet.Status.VALID, e.status(), expression);
        return e.value();
    }

    @Test
    void statementsLeaveNoClassBehind() {
        eval("int x = 3;");
        eval("int twice(int v) { return 2 * v; }");
        int declared = files.size();
        assertEquals(2, declared, "one class per declaration");
        for (int i = 0; i < 50; i++) {
            eval("{ x = x + 1; }");
            eval("x");  // a bare variable: an expression snippet, not a $N
            eval("{ Runnable r = new Runnable() { public void run() { x++; } }; r.run(); }");  // a nested class
        }
        assertEquals(declared, files.size());
        assertEquals("103", value("x"));  // 3 + 50 * (1 + 1): every statement ran
        assertEquals("206", value("twice(x)"));  // declarations still compile and run
    }

    @Test
    void valuesAndRedefinitionsStillWork() {
        eval("int x = 20;");
        SnippetEvent temp = eval("x + 1").get(0);  // a $N temporary: kept, later cells may use it
        assertEquals("21", temp.value());
        String name = ((VarSnippet) temp.snippet()).name();
        assertEquals("22", value(name + " + 1"));
        eval("class Box { int v = 5; }");
        eval("{ System.out.print(\"\"); }");
        eval("class Box { int v = 7; }");  // redefinition
        assertEquals("7", value("new Box().v"));
        assertEquals("42", value("x * 2 + " + name + " - 19"));
    }

    @Test
    void overwrittenDeclarationsLeaveNoClassBehind() {
        eval("int y = 3;");
        eval("int f() { return y * 10; }");
        eval("Object v = 0;");
        int declared = files.size();
        for (int i = 1; i <= 40; i++) eval("Object v = " + i + ";");  // a variable declared again and again, as users do
        eval("Object v = 40;");  // the same source again keeps its class
        assertEquals(declared, files.size());
        assertEquals("40", value("v"));
        eval("int y = 4;");  // a redefinition: f compiles against the new y from then on
        assertEquals(declared, files.size());
        assertEquals("40", value("f()"));
        eval("String y = \"a\";");  // a new type: f cannot be called until y is an int again, as in plain JShell
        assertTrue(eval("f()").get(0).exception() instanceof UnresolvedReferenceException);
        eval("int y = 5;");
        assertEquals("50", value("f()"));
    }

    @Test
    void outermostIsTheSnippetsWrapper() {
        assertEquals("REPL.$JShell$7B", ReplClassFiles.outermost("REPL.$JShell$7B$Box$1"));
        assertEquals("REPL.$JShell$12", ReplClassFiles.outermost("REPL.$JShell$12"));
        assertEquals("REPL.Other$Inner", ReplClassFiles.outermost("REPL.Other$Inner"));
    }

    @Test
    void doesNothingWhereTheCacheCannotBeReached() {
        ReplClassFiles none = ReplClassFiles.of(null);  // fails as a closed jdk.jshell would: falls back
        assertFalse(none.active());
        shell.eval("{ int y = 1; }");
        none.prune(shell);
        assertEquals(-1, none.size());
    }
}
