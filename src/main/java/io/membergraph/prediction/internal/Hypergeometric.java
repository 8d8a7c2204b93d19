package io.membergraph.prediction.internal;

/** The Gaussian hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1, by its power series. */
public final class Hypergeometric {

	private static final int MAX_TERMS = 100_000;

	private Hypergeometric() {
	}

	static double f21(double a, double b, double c, double z) {
		if (z < 0 || z >= 1) {
			throw new IllegalArgumentException("2F1 is summed for 0 <= z < 1 only, not " + z);
		}
		double term = 1;
		double sum = 1;
		for (int n = 0; n < MAX_TERMS; n++) {
			term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
			sum += term;
			if (Math.abs(term) < 1e-15 * Math.abs(sum)) {
				return sum;
			}
		}
		throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") did not converge");
	}

}
