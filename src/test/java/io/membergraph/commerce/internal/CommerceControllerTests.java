package io.membergraph.commerce.internal;

import io.membergraph.commerce.OrderHistory;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.commerce.Product;
import io.membergraph.commerce.ProductCatalog;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.graphql.GraphQlSliceSupport;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.graphql.test.autoconfigure.GraphQlTest;
import org.springframework.context.annotation.Import;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

@GraphQlTest(CommerceController.class)
@Import(GraphQlSliceSupport.class)
class CommerceControllerTests {

	@Autowired
	GraphQlTester graphQl;

	@MockitoBean
	OrderRecording recording;

	@MockitoBean
	OrderHistory history;

	@MockitoBean
	ProductCatalog catalog;

	@MockitoBean
	PurchaseRollups purchases;

	@Test
	void moneyIsWrittenAsADecimalStringWithTwoPlaces() {
		given(catalog.find("SK-1001")).willReturn(new Product("SK-1001", "Essence", "skincare", null, Money.of("420"), true));
		graphQl.document("{ product(sku: \"SK-1001\") { listPrice } }").execute()
			.path("product.listPrice").entity(String.class).isEqualTo("420.00");
	}

	@Test
	void invalidInputFromTheDomainIsABadRequestWithTheField() {
		given(recording.record(any())).willThrow(new InvalidInputException("lines[0].quantity", "must be at least 1"));
		graphQl.document("""
				mutation { recordOrder(input: {channel: WEB, orderNumber: "W1", placedAt: "2026-01-01T00:00:00Z",
				  lines: [{sku: "SK-1001", quantity: 0, unitPrice: "1.00"}]}) { replayed } }""")
			.execute()
			.errors().satisfy(errors -> {
				assertThat(errors.get(0).getErrorType()).isEqualTo(ErrorType.BAD_REQUEST);
				assertThat(errors.get(0).getExtensions()).containsEntry("field", "lines[0].quantity")
					.containsEntry("reason", "must be at least 1");
			});
	}

	@Test
	void anAmountWithFractionsOfAFenIsRefusedByTheMoneyScalar() {
		graphQl.document("""
				mutation { refundOrder(input: {channel: WEB, orderNumber: "W1", refundId: "R1", amount: "1.005"}) { replayed } }""")
			.execute()
			.errors().satisfy(errors -> assertThat(errors.get(0).getMessage()).contains("more than 2 decimal places"));
	}

}
