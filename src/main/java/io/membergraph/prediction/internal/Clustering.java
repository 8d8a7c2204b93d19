package io.membergraph.prediction.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.membergraph.analytics.AnalysisScope;
import org.hipparchus.clustering.CentroidCluster;
import org.hipparchus.clustering.DoublePoint;
import org.hipparchus.clustering.KMeansPlusPlusClusterer;
import org.hipparchus.clustering.distance.EuclideanDistance;
import org.hipparchus.random.Well19937c;

/** k-means on standardised buying features, k chosen by the mean silhouette when not given. */
public final class Clustering {

	static final int SILHOUETTE_SAMPLE = 2_000;

	/** Without a given k, every k from 2 to this is tried. */
	public static final int MAX_K_TRIED = 8;

	static final long SEED = 42;

	/** One member's buying as clustered. */
	public record Buyer(String memberId, double spend, int purchaseDays, long recencyDays, double averageOrderValue,
			Map<String, Integer> itemsByCategory) {
	}

	/**
	 * @param label what sets the cluster apart: each feature well above or below the average of all buyers
	 * @param categoryShares the mean share of the members' items per category
	 */
	record Profile(int cluster, int members, double share, double meanSpend, double meanPurchaseDays,
			double meanRecencyDays, double meanAverageOrderValue, Map<String, Double> categoryShares, String label) {
	}

	/**
	 * @param silhouettes the mean silhouette of each k tried (on a sample of at most 2,000 buyers)
	 * @param scope the analysis scope the buyers were taken from; null until {@link #in} tells it
	 * @param members each cluster's members, in the order of {@code clusters}: what its figures rest on, never shown
	 */
	public record Result(int k, boolean chosenBySilhouette, Map<Integer, Double> silhouettes, int buyers,
			List<String> features, List<Profile> clusters, AnalysisScope scope, List<List<String>> members) {

		/** This result as one of the buyers of {@code scope}. */
		public Result in(AnalysisScope scope) {
			return new Result(k, chosenBySilhouette, silhouettes, buyers, features, clusters, scope, members);
		}

	}

	private static final class Point extends DoublePoint {

		private static final long serialVersionUID = 1L;

		final Buyer buyer;

		Point(double[] features, Buyer buyer) {
			super(features);
			this.buyer = buyer;
		}

	}

	private Clustering() {
	}

	public static Result run(List<Buyer> buyers, List<String> categories, Integer k) {
		List<String> features = new ArrayList<>(List.of("log spend", "purchase days", "recency days", "log AOV"));
		categories.forEach(c -> features.add("share " + c));
		List<Point> points = standardised(buyers, categories);
		Map<Integer, Double> silhouettes = new TreeMap<>();
		List<CentroidCluster<Point>> best = null;
		int chosen = k == null ? 0 : k;
		if (k != null) {
			best = cluster(points, k);
			silhouettes.put(k, silhouette(best));
		}
		else {
			double bestScore = Double.NEGATIVE_INFINITY;
			for (int candidate = 2; candidate <= MAX_K_TRIED; candidate++) {
				List<CentroidCluster<Point>> clusters = cluster(points, candidate);
				double score = silhouette(clusters);
				silhouettes.put(candidate, score);
				if (score > bestScore) {
					bestScore = score;
					best = clusters;
					chosen = candidate;
				}
			}
		}
		List<List<String>> members = best.stream()
			.map(cluster -> cluster.getPoints().stream().map(point -> point.buyer.memberId()).toList())
			.toList();
		return new Result(chosen, k == null, silhouettes, buyers.size(), features, profiles(best, buyers, categories),
				null, members);
	}

	private static List<CentroidCluster<Point>> cluster(List<Point> points, int k) {
		KMeansPlusPlusClusterer<Point> clusterer = new KMeansPlusPlusClusterer<>(k, 300, new EuclideanDistance(),
				new Well19937c(SEED));
		List<CentroidCluster<Point>> clusters = new ArrayList<>(clusterer.cluster(points));
		// Largest first, so the numbering does not depend on the order k-means++ happened to seed them.
		clusters.sort(Comparator.comparingInt((CentroidCluster<Point> c) -> c.getPoints().size()).reversed());
		return clusters;
	}

	/** Each feature as a z-score over all buyers; spend and AOV on a log scale first, being heavily skewed. */
	private static List<Point> standardised(List<Buyer> buyers, List<String> categories) {
		int n = 4 + categories.size();
		double[][] raw = new double[buyers.size()][n];
		for (int i = 0; i < buyers.size(); i++) {
			Buyer b = buyers.get(i);
			raw[i][0] = Math.log1p(b.spend());
			raw[i][1] = b.purchaseDays();
			raw[i][2] = b.recencyDays();
			raw[i][3] = Math.log1p(b.averageOrderValue());
			int items = b.itemsByCategory().values().stream().mapToInt(Integer::intValue).sum();
			for (int c = 0; c < categories.size(); c++) {
				raw[i][4 + c] = items == 0 ? 0 : (double) b.itemsByCategory().getOrDefault(categories.get(c), 0) / items;
			}
		}
		for (int f = 0; f < n; f++) {
			double mean = 0;
			for (double[] row : raw) {
				mean += row[f];
			}
			mean /= raw.length;
			double variance = 0;
			for (double[] row : raw) {
				variance += (row[f] - mean) * (row[f] - mean);
			}
			double sd = Math.sqrt(variance / raw.length);
			for (double[] row : raw) {
				row[f] = sd == 0 ? 0 : (row[f] - mean) / sd;
			}
		}
		List<Point> points = new ArrayList<>(buyers.size());
		for (int i = 0; i < buyers.size(); i++) {
			points.add(new Point(raw[i], buyers.get(i)));
		}
		return points;
	}

	/** The mean silhouette over an evenly spaced sample of the points (all of them when few). */
	static double silhouette(List<CentroidCluster<Point>> clusters) {
		List<double[]> sample = new ArrayList<>();
		List<Integer> labels = new ArrayList<>();
		int total = clusters.stream().mapToInt(c -> c.getPoints().size()).sum();
		int step = Math.max(1, total / SILHOUETTE_SAMPLE);
		int index = 0;
		for (int c = 0; c < clusters.size(); c++) {
			for (Point point : clusters.get(c).getPoints()) {
				if (index++ % step == 0) {
					sample.add(point.getPoint());
					labels.add(c);
				}
			}
		}
		double sum = 0;
		for (int i = 0; i < sample.size(); i++) {
			double[] distance = new double[clusters.size()];
			int[] count = new int[clusters.size()];
			for (int j = 0; j < sample.size(); j++) {
				if (i != j) {
					distance[labels.get(j)] += euclidean(sample.get(i), sample.get(j));
					count[labels.get(j)]++;
				}
			}
			int own = labels.get(i);
			double a = count[own] == 0 ? 0 : distance[own] / count[own];
			double b = Double.MAX_VALUE;
			for (int c = 0; c < clusters.size(); c++) {
				if (c != own && count[c] > 0) {
					b = Math.min(b, distance[c] / count[c]);
				}
			}
			sum += count[own] == 0 || b == Double.MAX_VALUE ? 0 : (b - a) / Math.max(a, b);
		}
		return sample.isEmpty() ? 0 : sum / sample.size();
	}

	private static double euclidean(double[] a, double[] b) {
		double sum = 0;
		for (int i = 0; i < a.length; i++) {
			sum += (a[i] - b[i]) * (a[i] - b[i]);
		}
		return Math.sqrt(sum);
	}

	private static List<Profile> profiles(List<CentroidCluster<Point>> clusters, List<Buyer> all, List<String> categories) {
		double[] overall = means(all);
		List<Profile> profiles = new ArrayList<>();
		for (int c = 0; c < clusters.size(); c++) {
			List<Buyer> own = clusters.get(c).getPoints().stream().map(p -> p.buyer).toList();
			double[] m = means(own);
			Map<String, Double> shares = new LinkedHashMap<>();
			for (String category : categories) {
				double share = 0;
				for (Buyer b : own) {
					int items = b.itemsByCategory().values().stream().mapToInt(Integer::intValue).sum();
					share += items == 0 ? 0 : (double) b.itemsByCategory().getOrDefault(category, 0) / items;
				}
				shares.put(category, share / own.size());
			}
			profiles.add(new Profile(c + 1, own.size(), (double) own.size() / all.size(), m[0], m[1], m[2], m[3], shares,
					label(m, overall)));
		}
		return profiles;
	}

	private static double[] means(List<Buyer> buyers) {
		double[] m = new double[4];
		for (Buyer b : buyers) {
			m[0] += b.spend();
			m[1] += b.purchaseDays();
			m[2] += b.recencyDays();
			m[3] += b.averageOrderValue();
		}
		for (int i = 0; i < 4; i++) {
			m[i] /= Math.max(1, buyers.size());
		}
		return m;
	}

	/** "high spend, frequent, recent, high AOV": features 25% above or below all buyers' mean. */
	private static String label(double[] cluster, double[] overall) {
		List<String> words = new ArrayList<>();
		word(words, cluster[0], overall[0], "high spend", "low spend");
		word(words, cluster[1], overall[1], "frequent", "infrequent");
		word(words, cluster[2], overall[2], "lapsing", "recent");
		word(words, cluster[3], overall[3], "high AOV", "low AOV");
		return words.isEmpty() ? "average" : String.join(", ", words);
	}

	private static void word(List<String> words, double value, double overall, String above, String below) {
		if (value > 1.25 * overall) {
			words.add(above);
		}
		else if (value < 0.75 * overall) {
			words.add(below);
		}
	}

}
