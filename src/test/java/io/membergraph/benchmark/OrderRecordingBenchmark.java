package io.membergraph.benchmark;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.membergraph.MemberGraphApplication;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderLine;
import io.membergraph.commerce.OrderRecording;
import io.membergraph.commerce.OrderStatus;
import io.membergraph.loyalty.PointsMaintenance;
import io.membergraph.member.MemberBulkLoad;
import io.membergraph.shared.Channel;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Orders recorded per second with member stats, rollups, points and tier evaluation on, against plain
 * inserts of the same orders into the same store, in one run on the embedded store.
 * <p>
 * Run: {@code mvn -Pbenchmark verify -Dbenchmark.orders=20000 -Dbenchmark.members=2000}
 */
public final class OrderRecordingBenchmark {

	private static final String[][] PRODUCTS = { { "SK-1001", "skincare", "420.00" }, { "SK-1003", "skincare", "160.00" },
			{ "MU-2002", "makeup", "270.00" }, { "FR-3001", "fragrance", "980.00" }, { "HC-4001", "haircare", "129.00" },
			{ "BC-5003", "bodycare", "79.00" } };

	private OrderRecordingBenchmark() {
	}

	public static void main(String[] args) {
		try {
			System.exit(run(Integer.parseInt(args[0]), Integer.parseInt(args[1])));
		}
		catch (Exception ex) {
			ex.printStackTrace();
			// The embedded store's threads would keep a failed run alive.
			System.exit(2);
		}
	}

	private static int run(int orders, int members) throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.web(WebApplicationType.NONE)
			.run("--membergraph.seed.enabled=false", "--membergraph.demo.accounts=false", "--logging.level.root=warn");
		MongoTemplate mongo = context.getBean(MongoTemplate.class);
		OrderRecording recording = context.getBean(OrderRecording.class);
		asStorefront();
		context.getBean(MemberBulkLoad.class).insert(BenchmarkMembers.generate(members));

		Random random = new Random(42);
		List<RecordOrderInput> warmUp = inputs("WARM", 2_000, members, random);
		List<RecordOrderInput> measured = inputs("BENCH", orders, members, random);
		warmUp.forEach(input -> mongo.insert(plain(input), "orders_plain_warmup"));
		warmUp.forEach(recording::record);

		long plainStart = System.nanoTime();
		for (RecordOrderInput input : measured) {
			mongo.insert(plain(input), "orders_plain");
		}
		double plainSeconds = seconds(plainStart);

		long batchStart = System.nanoTime();
		List<Order> documents = measured.stream().map(OrderRecordingBenchmark::plain).toList();
		for (int i = 0; i < documents.size(); i += 1_000) {
			mongo.insert(documents.subList(i, Math.min(i + 1_000, documents.size())), "orders_plain_batch");
		}
		double batchSeconds = seconds(batchStart);

		long recordStart = System.nanoTime();
		for (RecordOrderInput input : measured) {
			recording.record(input);
		}
		double recordSeconds = seconds(recordStart);

		List<RecordOrderInput> parallel = inputs("PAR", orders, members, random);
		ExecutorService pool = Executors.newFixedThreadPool(4);
		long parallelStart = System.nanoTime();
		List<Future<?>> done = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			int slice = t;
			done.add(pool.submit(() -> {
				asStorefront();
				for (int i = slice; i < parallel.size(); i += 4) {
					recording.record(parallel.get(i));
				}
			}));
		}
		for (Future<?> f : done) {
			f.get();
		}
		double parallelSeconds = seconds(parallelStart);
		pool.shutdown();

		int discrepancies = context.getBean(PointsMaintenance.class).audit().size();
		long entries = mongo.getCollection("points_ledger").countDocuments();
		System.out.printf("%n| what | orders | seconds | orders/s |%n|---|---|---|---|%n");
		row("plain insert, one order per insert", orders, plainSeconds);
		row("plain insertMany, 1,000 per batch", orders, batchSeconds);
		row("recordOrder with stats, order list, points and tiers, 1 thread", orders, recordSeconds);
		row("recordOrder with stats, order list, points and tiers, 4 threads", orders, parallelSeconds);
		System.out.printf("%nrecording costs %.1fx a plain insert; %d members, %,d ledger entries, %d balance discrepancies%n",
				recordSeconds / plainSeconds, members, entries, discrepancies);
		context.close();
		return discrepancies == 0 ? 0 : 1;
	}

	private static void row(String what, int orders, double seconds) {
		System.out.printf("| %s | %,d | %.2f | %,.0f |%n", what, orders, seconds, orders / seconds);
	}

	private static void asStorefront() {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken("benchmark", "", "ROLE_STOREFRONT", "ROLE_ADMIN"));
	}

	private static List<RecordOrderInput> inputs(String prefix, int count, int members, Random random) {
		List<RecordOrderInput> inputs = new ArrayList<>();
		Instant start = Instant.parse("2025-01-01T00:00:00Z");
		for (int i = 0; i < count; i++) {
			Instant placed = start.plusSeconds(random.nextInt(600 * 86_400));
			List<OrderLineInput> lines = new ArrayList<>();
			int size = 1 + random.nextInt(3);
			for (int l = 0; l < size; l++) {
				String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
				lines.add(new OrderLineInput(product[0] + "-" + l, 1 + random.nextInt(2), UnitPrice.of(product[2]), null, product[1]));
			}
			String member = MemberBulkLoad.idFor(MemberBulkLoad.firstMemberNumber() + random.nextInt(members));
			inputs.add(new RecordOrderInput(Channel.WEB, prefix + "-" + i, member, null, null, placed, placed, null, null,
					null, null, lines, null, null, null, null, null));
		}
		return inputs;
	}

	/** The order document as recording would store it, without anything recording does around it. */
	private static Order plain(RecordOrderInput input) {
		List<OrderLine> lines = input.lines().stream()
			.map(l -> new OrderLine(l.sku(), l.category(), l.quantity(), l.unitPrice(), l.unitPrice().times(l.quantity(), 2)))
			.toList();
		Money paid = lines.stream().map(OrderLine::amount).reduce(Money.ZERO, Money::plus);
		return new Order(input.channel() + ":" + input.orderNumber(), input.orderNumber(), input.channel(), input.memberId(),
				null, null, OrderStatus.PAID, input.placedAt(), input.paidAt(), null, null, null, null, lines, Money.ZERO, paid,
				null, null, List.of(), Money.ZERO, List.of(), "plain", input.placedAt(), null, "CNY", null, null, null);
	}

	private static double seconds(long since) {
		return (System.nanoTime() - since) / 1e9;
	}

}
