package io.aria.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Jacobi eigenvalues (test helper)")
class JacobiTest {

    @Test
    void knownSmallestEigenvalues() {
        assertEquals(1.0, Jacobi.minEigenvalue(new double[][] {{2, 1}, {1, 2}}), 1e-12);
        assertEquals(-0.5, Jacobi.minEigenvalue(new double[][] {{1, -0.75, 0.75}, {-0.75, 1, 0.75}, {0.75, 0.75, 1}}),
                1e-9);
    }
}
