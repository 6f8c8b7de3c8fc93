package io.aria.core.source.internal;

/**
 * Correlation matrices for correlated random walks: validation, the Cholesky factor, and a
 * repair to the nearest valid (positive semi-definite, unit-diagonal) matrix when a
 * hand-written matrix is not quite consistent.
 *
 * <p>Stateless; thread-safe.
 */
public final class Correlation {

    /** Smallest eigenvalue kept by {@link #nearestValid(double[][])}. */
    static final double EIGEN_FLOOR = 1e-8;

    private Correlation() {
    }

    /**
     * Checks shape, symmetry, unit diagonal and entries in [-1, 1].
     *
     * @param m a matrix
     * @throws IllegalArgumentException naming the offending cell and value
     */
    public static void validate(double[][] m) {
        int n = m.length;
        for (int i = 0; i < n; i++) {
            if (m[i] == null || m[i].length != n) {
                throw new IllegalArgumentException("correlation matrix must be square " + n + "x" + n
                        + ", row " + i + " has " + (m[i] == null ? "no" : m[i].length) + " entries");
            }
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(m[i][i] - 1) > 1e-9) {
                throw new IllegalArgumentException("correlation[" + i + "][" + i + "] must be 1, was " + m[i][i]);
            }
            for (int j = 0; j < n; j++) {
                double v = m[i][j];
                if (!(v >= -1 && v <= 1)) {
                    throw new IllegalArgumentException("correlation[" + i + "][" + j + "] must be in [-1, 1], was " + v);
                }
                if (Math.abs(v - m[j][i]) > 1e-9) {
                    throw new IllegalArgumentException("correlation matrix must be symmetric: [" + i + "][" + j + "]="
                            + v + " but [" + j + "][" + i + "]=" + m[j][i]);
                }
            }
        }
    }

    /**
     * The lower-triangular Cholesky factor L with L&middot;L&#7488; = m.
     *
     * @param m a symmetric matrix
     * @return L, or null when m is not positive definite (within a small tolerance)
     */
    public static double[][] cholesky(double[][] m) {
        int n = m.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = m[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (sum < -1e-10) {
                        return null;
                    }
                    // a tiny negative from rounding on a semi-definite matrix counts as 0
                    l[i][i] = Math.sqrt(Math.max(sum, 0));
                } else {
                    l[i][j] = l[j][j] > 1e-12 ? sum / l[j][j] : 0.0;
                }
            }
        }
        return l;
    }

    /**
     * Eigenvalues of a symmetric matrix by the cyclic Jacobi method.
     *
     * @param m     symmetric matrix (not changed)
     * @param vecs  receives the eigenvectors as columns when not null (n x n)
     * @return the eigenvalues, in the order of the columns of {@code vecs}
     */
    static double[] eigen(double[][] m, double[][] vecs) {
        int n = m.length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = m[i].clone();
        }
        double[][] v = vecs != null ? vecs : new double[n][n];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(v[i], 0);
            v[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off < 1e-22) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (Math.abs(a[p][q]) < 1e-300) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < n; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = a[i][i];
        }
        return out;
    }

    /**
     * @param m a symmetric matrix
     * @return its smallest eigenvalue
     */
    public static double minEigenvalue(double[][] m) {
        double min = Double.POSITIVE_INFINITY;
        for (double e : eigen(m, null)) {
            min = Math.min(min, e);
        }
        return min;
    }

    /**
     * A valid correlation matrix near {@code m}: negative eigenvalues are raised to a small floor,
     * the matrix is rebuilt and rescaled to a unit diagonal (one step of Higham's method, which is
     * close enough for simulation input).
     *
     * @param m a symmetric matrix with unit diagonal
     * @return a positive definite correlation matrix
     */
    public static double[][] nearestValid(double[][] m) {
        int n = m.length;
        double[][] v = new double[n][n];
        double[] e = eigen(m, v);
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += v[i][k] * Math.max(e[k], EIGEN_FLOOR) * v[j][k];
                }
                r[i][j] = sum;
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                out[i][j] = i == j ? 1.0 : r[i][j] / Math.sqrt(r[i][i] * r[j][j]);
            }
        }
        return out;
    }
}
