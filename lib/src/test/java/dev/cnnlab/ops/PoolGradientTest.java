package dev.cnnlab.ops;

import static dev.cnnlab.ops.ConvGradientTest.assertGrid;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Gradients of pooling, worked by hand and checked by central differences. */
class PoolGradientTest {
    static final int[][] X = {{1, 3, 2, 1}, {4, 6, 5, 0}, {7, 2, 9, 8}, {1, 0, 3, 4}};

    @Test
    void maxPoolSendsEachWindowsGradientToItsMaximum() {
        // windows' maxima: 6 at (1,1), 5 at (1,2), 7 at (2,0), 9 at (2,2)
        var g = PoolGradient.max(X).size(2).upstream(new int[][] {{1, 2}, {3, 4}});
        assertGrid(new float[][] {{6, 5}, {7, 9}}, g.output(), 0);
        assertGrid(new float[][] {{0, 0, 0, 0}, {0, 1, 2, 0}, {3, 0, 4, 0}, {0, 0, 0, 0}}, g.input(), 0);
        assertGrid(new float[][] {{0, 0, 0, 0}, {0, 1, 1, 0}, {1, 0, 1, 0}, {0, 0, 0, 0}}, PoolGradient.max(X).size(2).winners(), 0);
    }

    @Test
    void averagePoolSpreadsEachWindowsGradientEvenly() {
        var g = PoolGradient.avg(X).size(2).upstream(new int[][] {{4, 8}, {-4, 0}});
        assertGrid(new float[][] {{1, 1, 2, 2}, {1, 1, 2, 2}, {-1, -1, 0, 0}, {-1, -1, 0, 0}}, g.input(), 0);
    }

    @Test
    void overlappingWindowsAddUpAndTiesGoToTheFirstMaximum() {
        // 3x3 pool, stride 1 on a 4x4 map: 9 at (2,2) is the maximum of all four windows
        var g = PoolGradient.max(X).size(3).stride(1).upstream(new int[][] {{1, 1}, {1, 1}});
        float[][] expected = new float[4][4];
        expected[2][2] = 4;
        assertGrid(expected, g.input(), 0);
        var tie = PoolGradient.max(new int[][] {{5, 5}, {5, 1}}).size(2).upstream(new int[][] {{1}});
        assertGrid(new float[][] {{1, 0}, {0, 0}}, tie.input(), 0);
    }

    @Test
    void agreesWithCentralDifferencesAwayFromTies() {
        Random r = new Random(7);
        float[][] x = ConvGradientTest.random(r, 6, 6); // distinct values: no ties, no kinks within h
        float[][] g = ConvGradientTest.random(r, 5, 5);
        for (boolean max : new boolean[] {true, false}) {
            var pg = (max ? PoolGradient.max(x) : PoolGradient.avg(x)).size(2).stride(1).upstream(g);
            Grid numeric = NumericGradient.of(v -> ConvGradientTest.dot(g,
                    (max ? Pool.max(v) : Pool.avg(v)).size(2).stride(1).compute())).step(1e-4).at(x);
            assertTrue(NumericGradient.relativeError(numeric, pg.input()) < 1e-3, max ? "max" : "avg");
        }
    }

    @Test
    void badShapesAreNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> PoolGradient.max(X).upstream(new int[3][3]).input());
        assertTrue(e.getMessage().contains("3x3") && e.getMessage().contains("gives 2x2"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> PoolGradient.avg(X).winners());
    }
}
