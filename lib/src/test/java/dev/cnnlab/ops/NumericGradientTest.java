package dev.cnnlab.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Central differences against derivatives known in closed form. */
class NumericGradientTest {
    @Test
    void quadraticIsExactUpToRounding() {
        // f(W) = Σ W² + 3·W[0][1]: ∂f/∂W = 2W + 3 at (0,1); f in double: float rounding of f (1e-7 of 5) over 2h
        // would be off by 2e-4
        Grid g = NumericGradient.of(w -> (double) w[0][0] * w[0][0] + (double) w[0][1] * w[0][1]
                        + (double) w[1][0] * w[1][0] + 3.0 * w[0][1])
                .at(new double[][] {{1, -2}, {0.5, 0}});
        assertEquals(2.0, g.get(0, 0), 1e-5);
        assertEquals(-1.0, g.get(0, 1), 1e-5);
        assertEquals(1.0, g.get(1, 0), 1e-5);
        assertEquals(0.0, g.get(1, 1), 1e-9);
    }

    @Test
    void errorShrinksLikeTheStepSquaredForACubic() {
        // f = w³ at w = 1: central difference = 3 + h², so h = 0.1 is off by 0.01
        Grid coarse = NumericGradient.of(w -> Math.pow(w[0][0], 3)).step(0.1).at(new double[][] {{1}});
        assertEquals(3.01, coarse.get(0, 0), 1e-5);
        Grid fine = NumericGradient.of(w -> Math.pow(w[0][0], 3)).step(0.01).at(new double[][] {{1}});
        assertEquals(3.0001, fine.get(0, 0), 2e-5);
    }

    @Test
    void relativeErrorOfNorms() {
        Grid a = Grid.of(new double[][] {{3, 4}});
        Grid b = Grid.of(new double[][] {{3, 4}});
        assertEquals(0, NumericGradient.relativeError(a, b));
        // ‖a − 0‖ / (‖a‖ + 0) = 1; ‖(3,4) − (0,0)‖ = 5
        assertEquals(1.0, NumericGradient.relativeError(a, Grid.of(new double[][] {{0, 0}})), 1e-12);
        // a − c = (0, 1), ‖c‖ = √18: 1 / (5 + √18)
        assertEquals(1 / (5 + Math.sqrt(18)), NumericGradient.relativeError(a, Grid.of(new double[][] {{3, 3}})), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> NumericGradient.relativeError(a, Grid.of(new double[][] {{1}})));
        assertThrows(IllegalArgumentException.class, () -> NumericGradient.of(w -> 0).step(0));
    }
}
