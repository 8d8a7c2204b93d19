package io.membergraph.commerce;

import io.membergraph.shared.Money;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

@Document("products")
public record Product(@Id String sku, String name, @Indexed String category, String brand, Money listPrice,
		boolean active) {
}
