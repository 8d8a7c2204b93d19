package io.membergraph.seed.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;

import io.membergraph.commerce.Product;
import io.membergraph.commerce.Store;
import io.membergraph.segment.SavedSegments.SegmentInput;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The brand's reference data as the files in {@code seed/} describe it. (The loyalty programme, in
 * {@code seed/loyalty.json}, is loaded by the loyalty feature itself.)
 */
public record ReferenceData(List<Product> products, List<Store> stores, List<CampaignSpec> campaigns,
		List<SegmentInput> segments, GeneratorSettings generator) {

	/**
	 * A campaign that runs every year on the same days.
	 *
	 * @param cost what the campaign costs each year it runs, in the store's currency
	 * @param targetSegment the name of the saved segment (of {@code segments.json}) it goes to, or null
	 */
	record CampaignSpec(String id, String name, Channel channel, int month, int startDay, int endDay,
			double controlGroupShare, int attributionWindowDays, BigDecimal cost, String targetSegment) {
	}

	private record ProductSpec(String sku, String name, String category, String brand, BigDecimal listPrice) {

		Product toProduct() {
			return new Product(sku, name, category, brand, Money.of(listPrice), true);
		}

	}

	static ReferenceData load(JsonMapper json) {
		return new ReferenceData(read(json, "products.json", new TypeReference<List<ProductSpec>>() {
		}).stream().map(ProductSpec::toProduct).toList(), read(json, "stores.json", new TypeReference<List<Store>>() {
		}), read(json, "campaigns.json", new TypeReference<List<CampaignSpec>>() {
		}), read(json, "segments.json", new TypeReference<List<SegmentInput>>() {
		}), read(json, "generator.json", new TypeReference<GeneratorSettings>() {
		}));
	}

	private static <T> T read(JsonMapper json, String file, TypeReference<T> type) {
		try (InputStream in = new ClassPathResource("seed/" + file).getInputStream()) {
			return json.readValue(in, type);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read seed/" + file + ": " + ex.getMessage(), ex);
		}
	}

}
