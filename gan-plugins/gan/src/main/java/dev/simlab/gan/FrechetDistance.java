package dev.simlab.gan;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors, as in FID (Heusel et al.,
 * 2017) but in whatever features the caller gives: ‖μ₁ − μ₂‖² + Tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^½), with
 * Tr((Σ₁Σ₂)^½) = Σ √λᵢ over the eigenvalues of the symmetric Σ₁^½ Σ₂ Σ₁^½ (cyclic Jacobi, in double).
 */
final class FrechetDistance {
    private FrechetDistance() {}

    /** Mean and covariance (divided by n − 1) of {@code n} rows of {@code d} features. */
    record Moments(double[] mean, double[][] cov) {
        static Moments of(float[] f, int n, int d) {
            double[] m = new double[d];
            for (int i = 0; i < n; i++) for (int j = 0; j < d; j++) m[j] += f[i * d + j];
            for (int j = 0; j < d; j++) m[j] /= n;
            double[][] c = new double[d][d];
            double[] x = new double[d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) x[j] = f[i * d + j] - m[j];
                for (int a = 0; a < d; a++) {
                    double xa = x[a];
                    if (xa == 0) continue;
                    double[] row = c[a];
                    for (int b = a; b < d; b++) row[b] += xa * x[b];
                }
            }
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    c[a][b] /= Math.max(n - 1, 1);
                    c[b][a] = c[a][b];
                }
            }
            return new Moments(m, c);
        }
    }

    static double between(Moments p, Moments q) {
        int d = p.mean.length;
        double diff = 0;
        for (int j = 0; j < d; j++) diff += (p.mean[j] - q.mean[j]) * (p.mean[j] - q.mean[j]);
        double trace = 0;
        for (int j = 0; j < d; j++) trace += p.cov[j][j] + q.cov[j][j];
        double[][] s = sqrtPsd(p.cov);
        double[][] m = multiply(multiply(s, q.cov), s);
        double root = 0;
        for (double l : eigenvalues(m)) root += Math.sqrt(Math.max(l, 0));
        return diff + trace - 2 * root;
    }

    /** The symmetric square root of a symmetric positive semi-definite matrix (negative eigenvalues from rounding read as 0). */
    static double[][] sqrtPsd(double[][] a) {
        int d = a.length;
        double[][] v = new double[d][d];
        double[] l = jacobi(copy(a), v);
        double[][] r = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) s += v[i][k] * Math.sqrt(Math.max(l[k], 0)) * v[j][k];
                r[i][j] = s;
            }
        }
        return r;
    }

    static double[] eigenvalues(double[][] a) {
        return jacobi(copy(a), null);
    }

    /** Eigenvalues of the symmetric {@code a} (destroyed); with {@code v}, its eigenvectors as columns. */
    private static double[] jacobi(double[][] a, double[][] v) {
        int n = a.length;
        if (v != null) for (int i = 0; i < n; i++) v[i][i] = 1;
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0, diag = 0;
            for (int i = 0; i < n; i++) {
                diag += a[i][i] * a[i][i];
                for (int j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
            }
            if (off <= 1e-22 * Math.max(diag, 1e-300)) break;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    double apq = a[p][q];
                    if (Math.abs(apq) < 1e-300) continue;
                    double theta = (a[q][q] - a[p][p]) / (2 * apq);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) t = 1;
                    double c = 1 / Math.sqrt(t * t + 1), s = t * c;
                    for (int k = 0; k < n; k++) {
                        double akp = a[k][p], akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < n; k++) {
                        double apk = a[p][k], aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    if (v != null) {
                        for (int k = 0; k < n; k++) {
                            double vkp = v[k][p], vkq = v[k][q];
                            v[k][p] = c * vkp - s * vkq;
                            v[k][q] = s * vkp + c * vkq;
                        }
                    }
                }
            }
        }
        double[] l = new double[n];
        for (int i = 0; i < n; i++) l[i] = a[i][i];
        return l;
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < n; k++) {
                double aik = a[i][k];
                if (aik == 0) continue;
                for (int j = 0; j < n; j++) r[i][j] += aik * b[k][j];
            }
        }
        return r;
    }
}
