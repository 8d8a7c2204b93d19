package io.membergraph.benchmark;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.MemberGraphApplication;
import io.membergraph.commerce.PurchaseRollups;
import io.membergraph.customer.InteractionFacts;
import io.membergraph.customer.LoyaltyFacts;
import io.membergraph.customer.OrderFacts;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import org.openjdk.jol.info.GraphLayout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.AopTestUtils;

/**
 * What the in-memory views hold, in bytes per record: starts the application on the embedded store with the demo
 * generator at the given size, lets the views warm, and walks each view's object graph (JOL) — the documents it
 * keeps, their strings and dates, and the map that holds them; for orders their time index and the map of the
 * values their records share; for interactions, kept in columns, the columns, their dictionary and the recent ones. Objects the
 * view shares with nothing else are counted once; what it shares with the store is counted as the view's too.
 * <p>
 * Run: {@code java -Djol.magicFieldOffset=true -cp <test class path> io.membergraph.benchmark.ViewFootprint
 * [members] [orders] [interactions]} (defaults: the demo size; the property lets JOL measure records). Walking the graph needs a few times the views' size in heap.
 */
public final class ViewFootprint {

	private ViewFootprint() {
	}

	public static void main(String[] args) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--logging.level.root=warn"));
		if (args.length == 3) {
			arguments.addAll(List.of("--membergraph.seed.members=" + args[0], "--membergraph.seed.orders=" + args[1],
					"--membergraph.seed.interactions=" + args[2]));
		}
		try {
			measure(arguments);
			System.exit(0);
		}
		catch (Exception | Error failed) {
			// The embedded store's threads would keep the JVM alive after a failed measurement.
			failed.printStackTrace();
			System.exit(1);
		}
	}

	private static void measure(List<String> arguments) throws ReflectiveOperationException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.run(arguments.toArray(String[]::new))) {
			System.out.printf("%n| view (documents) | records | bytes | bytes per record |%n|---|---|---|---|%n");
			for (ChangeStampedView<?, ?> view : views(context.getBean(ChangeStampedViews.class))) {
				Map<?, ?> current = view.current();
				String name = ((Class<?>) field(field(view, "feed"), "type")).getSimpleName();
				long bytes = current.isEmpty() ? 0 : GraphLayout.parseInstance(current).totalSize();
				if (name.equals("MemberPurchases")) {
					Object rollups = AopTestUtils.getUltimateTargetObject(context.getBean(PurchaseRollups.class));
					bytes = GraphLayout.parseInstance(current, field(rollups, "sharedValues")).totalSize();
					name += " (with shared values)";
				}
				System.out.printf("| %s | %,d | %,d | %,d |%n", name, current.size(), bytes,
						current.isEmpty() ? 0 : bytes / current.size());
			}
			// Orders, interactions, points movements and tier changes are kept in columns, not as maps of records: their snapshot, dictionary and
			// recent list.
			columns("Order (columns, dictionary, recent ones)",
					field(AopTestUtils.getUltimateTargetObject(context.getBean(OrderFacts.class)), "orders"));
			columns("Interaction (columns, dictionary, recent ones)",
					field(AopTestUtils.getUltimateTargetObject(context.getBean(InteractionFacts.class)), "all"));
			columns("PointsEntry, applied (columns, dictionary, recent ones)",
					field(AopTestUtils.getUltimateTargetObject(context.getBean(LoyaltyFacts.class)), "movements"));
			columns("TierChange (columns, dictionary, recent ones)",
					field(AopTestUtils.getUltimateTargetObject(context.getBean(LoyaltyFacts.class)), "tierChanges"));
		}
	}

	private static void columns(String name, Object view) throws ReflectiveOperationException {
		Object snapshot = field(view, "snapshot");
		long bytes = GraphLayout.parseInstance(snapshot, field(view, "dictionary"), field(view, "recent")).totalSize();
		Method size = snapshot.getClass().getDeclaredMethod("size");
		size.setAccessible(true);
		int records = (int) size.invoke(snapshot);
		int recent = ((Map<?, ?>) field(view, "recent")).size();
		System.out.printf("| %s, %,d recent | %,d | %,d | %,d |%n", name, recent, records, bytes,
				records == 0 ? 0 : bytes / records);
	}

	@SuppressWarnings("unchecked")
	private static List<ChangeStampedView<?, ?>> views(ChangeStampedViews views) throws ReflectiveOperationException {
		return (List<ChangeStampedView<?, ?>>) field(views, "made");
	}

	/** A private field of a view or its owner: this measurement looks inside, the application never needs to. */
	private static Object field(Object owner, String name) throws ReflectiveOperationException {
		Field field = owner.getClass().getDeclaredField(name);
		field.setAccessible(true);
		return field.get(owner);
	}

}
