package io.membergraph.commerce;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A physical store; orders of the STORE channel name the store they were placed in. */
@Document("stores")
public record Store(@Id String id, String name, String province, String city) {
}
