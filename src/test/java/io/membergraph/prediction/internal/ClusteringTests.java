package io.membergraph.prediction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Three made-up kinds of buyer that k-means must find, and name, without being told there are three. */
class ClusteringTests {

	private static List<Clustering.Buyer> buyers() {
		Random random = new Random(5);
		List<Clustering.Buyer> buyers = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			// big spenders on skincare who buy often and lately
			buyers.add(new Clustering.Buyer("vip" + i, 5000 + random.nextInt(1000), 20 + random.nextInt(5),
					random.nextInt(10), 240 + random.nextInt(20), Map.of("skincare", 9, "makeup", 1)));
		}
		for (int i = 0; i < 500; i++) {
			// one-off make-up buyers, long gone
			buyers.add(new Clustering.Buyer("once" + i, 80 + random.nextInt(20), 1, 300 + random.nextInt(60),
					80 + random.nextInt(20), Map.of("makeup", 1)));
		}
		for (int i = 0; i < 200; i++) {
			// regular, modest fragrance buyers
			buyers.add(new Clustering.Buyer("reg" + i, 900 + random.nextInt(200), 8 + random.nextInt(3),
					30 + random.nextInt(20), 100 + random.nextInt(10), Map.of("fragrance", 3)));
		}
		return buyers;
	}

	@Test
	void theSilhouetteChoosesTheNumberOfKindsThereAre() {
		Clustering.Result result = Clustering.run(buyers(), List.of("fragrance", "makeup", "skincare"), null);

		assertThat(result.k()).isEqualTo(3);
		assertThat(result.chosenBySilhouette()).isTrue();
		assertThat(result.clusters()).extracting(Clustering.Profile::members).containsExactly(500, 300, 200);
		assertThat(result.silhouettes().get(3)).isGreaterThan(result.silhouettes().get(2));
	}

	@Test
	void profilesDescribeEachGroupInTheMarketersWords() {
		Clustering.Result result = Clustering.run(buyers(), List.of("fragrance", "makeup", "skincare"), 3);

		Clustering.Profile onceOff = result.clusters().get(0);
		assertThat(onceOff.label()).contains("low spend", "infrequent", "lapsing");
		assertThat(onceOff.categoryShares().get("makeup")).isEqualTo(1.0);
		Clustering.Profile vip = result.clusters().get(1);
		assertThat(vip.label()).contains("high spend", "frequent", "recent", "high AOV");
		assertThat(vip.categoryShares().get("skincare")).isCloseTo(0.9, within(1e-9));
	}

	@Test
	void theSameDataGivesTheSameClusters() {
		assertThat(Clustering.run(buyers(), List.of("fragrance", "makeup", "skincare"), 4).clusters())
			.isEqualTo(Clustering.run(buyers(), List.of("fragrance", "makeup", "skincare"), 4).clusters());
	}

}
