package io.aria.core.source.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Correlation")
class CorrelationTest {

    private static double[][] times(double[][] l) {
        int n = l.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    m[i][j] += l[i][k] * l[j][k];
                }
            }
        }
        return m;
    }

    @Test
    @DisplayName("the Cholesky factor is lower triangular and L times L transposed gives the matrix back")
    void choleskyReproducesTheMatrix() {
        double[][] m = {{1, 0.7, -0.8}, {0.7, 1, -0.55}, {-0.8, -0.55, 1}};
        double[][] l = Correlation.cholesky(m);
        assertNotNull(l);
        assertEquals(0.0, l[0][1]);
        assertEquals(0.0, l[1][2]);
        double[][] back = times(l);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(m[i][j], back[i][j], 1e-12);
            }
        }
    }

    @Test
    @DisplayName("a semi-definite matrix (perfect correlation) still factors")
    void semiDefinite() {
        double[][] l = Correlation.cholesky(new double[][] {{1, 1}, {1, 1}});
        assertNotNull(l);
        assertEquals(1.0, l[1][0], 1e-12);
        assertEquals(0.0, l[1][1], 1e-12);
    }

    @Test
    void indefiniteMatrixHasNoFactor() {
        double[][] bad = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
        assertNull(Correlation.cholesky(bad));
        assertTrue(Correlation.minEigenvalue(bad) < 0);
    }

    @Test
    @DisplayName("the nearest valid matrix is positive definite, unit-diagonal, symmetric and close")
    void nearestValid() {
        double[][] bad = {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}};
        double[][] fixed = Correlation.nearestValid(bad);
        assertNotNull(Correlation.cholesky(fixed));
        Correlation.validate(fixed);
        assertTrue(Correlation.minEigenvalue(fixed) > -1e-9);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(bad[i][j], fixed[i][j], 0.5, "[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void eigenvaluesOfAKnownMatrix() {
        // [[1, r], [r, 1]] has eigenvalues 1 - r and 1 + r
        assertEquals(0.4, Correlation.minEigenvalue(new double[][] {{1, 0.6}, {0.6, 1}}), 1e-12);
    }

    @Test
    void validateNamesTheCell() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Correlation.validate(new double[][] {{1, 2}, {2, 1}}));
        assertTrue(e.getMessage().contains("[0][1]") && e.getMessage().contains("2.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Correlation.validate(new double[][] {{1, 0}, {0}}));
    }

    @Test
    void randomNumbersAreReproducibleAndStandardNormal() {
        SplitMix64 a = new SplitMix64(3);
        SplitMix64 b = new SplitMix64(3);
        double sum = 0;
        double sq = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double x = a.nextGaussian();
            assertEquals(x, b.nextGaussian());
            sum += x;
            sq += x * x;
        }
        assertEquals(0, sum / n, 0.02);
        assertEquals(1, sq / n, 0.02);
    }
}
