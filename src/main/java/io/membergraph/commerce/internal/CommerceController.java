package io.membergraph.commerce.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import graphql.schema.DataFetchingEnvironment;
import io.membergraph.commerce.MemberPurchases;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderHistory.MemberOrdersPage;
import io.membergraph.commerce.OrderHistory;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.commerce.OrderInputs.UpsertProductInput;
import io.membergraph.commerce.OrderPayload;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.commerce.Product;
import io.membergraph.commerce.ProductCatalog;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.member.Member;
import io.membergraph.member.MemberBatches;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Connection;
import io.membergraph.shared.PageRequest;
import io.membergraph.shared.UserError;
import org.dataloader.DataLoader;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.graphql.execution.BatchLoaderRegistry;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

@Controller
public class CommerceController {

	private static final String MEMBER_ORDERS = "memberOrders";

	private final OrderRecording recording;

	private final OrderHistory history;

	private final ProductCatalog catalog;

	private final PurchaseRollups purchases;

	CommerceController(OrderRecording recording, OrderHistory history, ProductCatalog catalog, PurchaseRollups purchases,
			BatchLoaderRegistry batchLoaders) {
		this.recording = recording;
		this.history = history;
		this.catalog = catalog;
		this.purchases = purchases;
		batchLoaders.<MemberOrdersPage, Connection<Order>>forName(MEMBER_ORDERS)
			.registerMappedBatchLoader((pages, env) -> Mono.fromSupplier(() -> history.pagesFor(pages)));
	}

	@QueryMapping
	Order order(@Argument Channel channel, @Argument String orderNumber) {
		return history.find(channel, orderNumber);
	}

	@QueryMapping
	Product product(@Argument String sku) {
		return catalog.find(sku);
	}

	@QueryMapping
	Connection<Product> products(@Argument String category, @Argument Integer first, @Argument String after) {
		return catalog.list(category, PageRequest.of(first, after));
	}

	@MutationMapping
	OrderPayload recordOrder(@Argument RecordOrderInput input) {
		return recording.record(input);
	}

	@MutationMapping
	OrderPayload refundOrder(@Argument RefundOrderInput input) {
		return recording.refund(input);
	}

	@MutationMapping
	ProductPayload upsertProduct(@Argument UpsertProductInput input) {
		return new ProductPayload(catalog.upsert(input), List.of());
	}

	/** No business rule refuses a product (bad input is a GraphQL error naming the field): errors stay empty. */
	record ProductPayload(Product product, List<UserError> errors) {
	}

	@BatchMapping(typeName = "Member")
	Map<Member, MemberPurchases> purchases(List<Member> members) {
		return MemberBatches.byMember(members, purchases.ofAll(members.stream().map(Member::id).toList()), null);
	}

	@SchemaMapping(typeName = "ProductPurchases")
	List<LocalDate> days(MemberPurchases.ProductPurchases product) {
		return product.days().stream().map(LocalDate::parse).toList();
	}

	@SchemaMapping(typeName = "Member")
	CompletableFuture<Connection<Order>> orders(Member member, @Argument Integer first, @Argument String after,
			DataFetchingEnvironment env) {
		history.checkMayList(member.id());
		DataLoader<MemberOrdersPage, Connection<Order>> loader = env.getDataLoader(MEMBER_ORDERS);
		return loader.load(new MemberOrdersPage(member.id(), PageRequest.of(first, after)));
	}

}
