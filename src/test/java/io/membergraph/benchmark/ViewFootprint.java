package io.membergraph.benchmark;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.membergraph.MemberGraphApplication;
import io.membergraph.engagement.InteractionFacts;
import io.membergraph.store.ChangeStampedView;
import io.membergraph.store.ChangeStampedViews;
import org.openjdk.jol.info.GraphLayout;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.util.AopTestUtils;

/**
 * What the in-memory views hold, in bytes per record: starts the application on the embedded store with the demo
 * generator at the given size, lets the views warm, and walks each view's object graph (JOL) — the documents it
 * keeps, their strings and dates, and the map that holds them; the interactions' time index with them. Objects the
 * view shares with nothing else are counted once; what it shares with the store is counted as the view's too.
 * <p>
 * Run: {@code java -cp <test class path> io.membergraph.benchmark.ViewFootprint [members] [orders] [interactions]}
 * (defaults: the demo size). Walking the graph needs a few times the views' size in heap.
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
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MemberGraphApplication.class)
			.run(arguments.toArray(String[]::new))) {
			System.out.printf("%n| view (documents) | records | bytes | bytes per record |%n|---|---|---|---|%n");
			for (ChangeStampedView<?, ?> view : views(context.getBean(ChangeStampedViews.class))) {
				Map<?, ?> current = view.current();
				String name = ((Class<?>) field(view, "type")).getSimpleName();
				long bytes = current.isEmpty() ? 0 : GraphLayout.parseInstance(current).totalSize();
				if (name.equals("Interaction")) {
					InteractionFacts interactions = AopTestUtils.getUltimateTargetObject(context.getBean(InteractionFacts.class));
					bytes = GraphLayout.parseInstance(current, field(interactions, "byTime"), field(interactions, "times"))
						.totalSize();
					name += " (with the time index)";
				}
				System.out.printf("| %s | %,d | %,d | %,d |%n", name, current.size(), bytes,
						current.isEmpty() ? 0 : bytes / current.size());
			}
		}
		System.exit(0);
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
