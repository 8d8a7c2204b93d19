package io.membergraph.ingest.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderBatch.EntryResult;
import io.membergraph.commerce.OrderBatch;
import io.membergraph.commerce.OrderBatches;
import io.membergraph.commerce.OrderCorrections;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.ingest.internal.ImportCounts.RowOutcome;
import io.membergraph.ingest.ImportJob;
import io.membergraph.member.BulkRegistration;
import io.membergraph.member.MemberDirectory;

/**
 * Order lines into orders and returns ({@link OrderReading}), recorded in batches ({@link OrderBatches}) with the same end state as
 * recording each through the API. The lines of one order may lie anywhere in the file ({@link OrderAssembly}).
 * A line with a negative quantity or price is a return of its order ({@code NEGATIVE_QUANTITY}, the default),
 * or a whole order is a return by its number's prefix or its status ({@code PREFIX:}, {@code STATUS:}). A return
 * whose order is not known yet is tried again at the end of the file; one whose order is still not known then,
 * or that names no order at all, is a credit note: a refund of the member on its own, which moves onto its order
 * if a later file brings it.
 */
public final class OrderRows implements RowSink {

	private static final Set<String> ORDER_FIELDS = ImportFields.of(ImportJob.ImportEntity.ORDERS).all();

	private final OrderBatches batches;

	/** Corrects orders recorded before with other content, when the import asks for it; null when it does not. */
	private final OrderCorrections corrections;

	private final MemberReference memberReference;

	private final OrderReading reading;

	/** Registers unknown customers when the import asks for it ({@code unknownMembers=REGISTER}). */
	private final UnknownCustomers unknownCustomers;

	private final boolean registerUnknown;

	private final FieldMapping mapping;

	private final LoyaltyMode loyalty;

	private final int batchRows;

	private final OrderAssembly assembly;

	private final List<Prepared> batch = new ArrayList<>();

	private final List<Prepared> deferred = new ArrayList<>();

	/** Returned lines under a number no order has, to go into the next batch as credit notes. */
	private final List<Prepared> creditsNow = new ArrayList<>();

	/** Returns whose order is not known at the end of the file, to be recorded as credit notes. */
	private final List<Prepared> credits = new ArrayList<>();

	private int batchLines;

	/** The first row of anything in the batch, of anything deferred; {@code Long.MAX_VALUE} when empty. */
	private long batchFirstRow = Long.MAX_VALUE;

	private long deferredFirstRow = Long.MAX_VALUE;

	private final ImportSinks.ForJob job;

	/** Checks as recording would and records nothing: the preview. */
	private final boolean dryRun;

	OrderRows(OrderBatches batches, OrderCorrections corrections, MemberDirectory members, BulkRegistration registrations, ImportSpec spec,
			ImportSettings settings, ImportSinks.ForJob job, boolean dryRun) {
		this.registerUnknown = spec.registerUnknown();
		this.job = job;
		this.dryRun = dryRun;
		this.batches = batches;
		this.corrections = spec.correctChanged() ? corrections : null;
		this.mapping = spec.mapping();
		this.memberReference = new MemberReference(members, mapping, spec.cleaning());
		this.reading = new OrderReading(spec, memberReference);
		this.unknownCustomers = new UnknownCustomers(registrations, memberReference);
		this.loyalty = spec.loyalty();
		this.batchRows = settings.batchRows();
		this.assembly = new OrderAssembly(mapping, settings.orderWindow());
	}

	@Override
	public List<Settled> accept(SourceRow row) {
		List<Settled> settled = new ArrayList<>();
		for (OrderAssembly.Lines lines : assembly.accept(row)) {
			settled.addAll(prepare(lines));
		}
		return settled;
	}

	@Override
	public long heldFrom() {
		return Math.min(assembly.firstHeld(), Math.min(batchFirstRow, deferredFirstRow));
	}

	@Override
	public void finish(Consumer<List<Settled>> settled) {
		// One order at a time, and what a batch leaves waiting back in the batch before its rows are handed over:
		// whatever is held is then always counted by heldFrom(), which moves the job's resume point.
		for (OrderAssembly.Lines lines = assembly.settleEldest(); lines != null; lines = assembly.settleEldest()) {
			handOver(settled, prepare(lines));
		}
		handOver(settled, flush(false));
		List<Prepared> waiting = List.copyOf(deferred);
		deferred.clear();
		deferredFirstRow = Long.MAX_VALUE;
		waiting.forEach(this::add);
		while (!batch.isEmpty()) {
			handOver(settled, flushAtEnd());
		}
	}

	/** Records the batch at the end of the file; returns whose order is still not known become credit notes of the next. */
	private List<Settled> flushAtEnd() {
		List<Settled> settled = flush(true);
		List<Prepared> creditNotes = List.copyOf(credits);
		credits.clear();
		creditNotes.forEach(this::add);
		return settled;
	}

	private static void handOver(Consumer<List<Settled>> to, List<Settled> settled) {
		if (!settled.isEmpty()) {
			to.accept(settled);
		}
	}

	/**
	 * An order or a return, cleaned, with the rows it came from, waiting for its batch; for a return, the credit
	 * note it is if its order is not known.
	 */
	private record Prepared(OrderBatch.Entry entry, List<SourceRow> rows, MemberReference.Ref member, String number,
			OrderBatch.NewCreditNote ifNoOrder, RefundOrderInput refunded) {

		Prepared(OrderBatch.Entry entry, List<SourceRow> rows, MemberReference.Ref member, String number) {
			this(entry, rows, member, number, null, null);
		}

		Prepared asCreditNote() {
			return new Prepared(ifNoOrder, rows, member, number);
		}

		/** The order with the refund its own row says was given back on it ({@code refundedAmount}). */
		Prepared withRefund(RefundOrderInput refund) {
			return new Prepared(entry, rows, member, number, ifNoOrder, refund);
		}

	}

	@Override
	public boolean readsSettledRows() {
		return true;
	}

	/** Cleans an order's lines into what the batch records; records the batch once it is full. */
	private List<Settled> prepare(OrderAssembly.Lines lines) {
		if (lines.rows().stream().allMatch(row -> job.settledBefore(row.number()))) {
			// Recorded before the crash that cut the job short: read again only to see which orders span the
			// resume point.
			return List.of();
		}
		List<Settled> settled = new ArrayList<>(clean(lines));
		if (batchLines >= batchRows) {
			settled.addAll(flush(false));
		}
		return settled;
	}

	/** The order and the return the lines make, into the batch; refused whole when a line cannot be read. */
	private List<Settled> clean(OrderAssembly.Lines lines) {
		try {
			OrderReading.Read read = reading.read(lines.rows());
			if (read.order() != null) {
				add(new Prepared(new OrderBatch.NewOrder(read.order()), read.soldRows(), read.member(), read.number())
					.withRefund(read.refunded()));
			}
			if (read.refund() != null) {
				add(new Prepared(new OrderBatch.NewRefund(read.refund()), read.returnedRows(), read.member(), read.number(),
						read.ifNoOrder(), null));
			}
			return read.leftOut();
		}
		catch (OrderReading.Unreadable ex) {
			return rejectAll(lines.rows(), ex.row(), ex.error().field(), ex.error().reason());
		}
	}

	private void add(Prepared prepared) {
		batch.add(prepared);
		batchLines += prepared.rows().size();
		batchFirstRow = Math.min(batchFirstRow, prepared.rows().get(0).number());
	}

	/** Records the batch: members resolved together, then every order and return in one {@link OrderBatches} call. */
	private List<Settled> flush(boolean atEnd) {
		if (batch.isEmpty()) {
			return List.of();
		}
		List<Settled> settled = new ArrayList<>();
		Map<MemberReference.Ref, String> found = memberReference.resolve(batch.stream().map(Prepared::member)
			.filter(java.util.Objects::nonNull).toList());
		Map<MemberReference.Ref, String> notRegistered = new HashMap<>();
		if (registerUnknown && !dryRun) {
			registerUnknown(batch, found, notRegistered);
		}
		List<Prepared> sent = new ArrayList<>();
		List<OrderBatch.Entry> entries = new ArrayList<>();
		for (Prepared prepared : batch) {
			String memberId = prepared.member() == null ? null : found.get(prepared.member());
			boolean forMember = !(prepared.entry() instanceof OrderBatch.NewRefund);
			// A preview does not register anyone: the order of a member the import would make shows as loaded.
			boolean wouldRegister = dryRun && registerUnknown && prepared.member() != null
					&& !prepared.member().field().equals("memberId");
			if (forMember && prepared.member() != null && memberId == null && !wouldRegister) {
				MemberReference.Ref ref = prepared.member();
				settled.addAll(rejectAll(prepared.rows(), prepared.rows().get(0), ref.field(), ref.unknown()
						+ (ref.field().equals("memberId") ? "" : !registerUnknown
								? ": import the members first, or import with unknownMembers=REGISTER to register them"
								: ", and registering one failed: " + notRegistered.getOrDefault(ref,
										"someone registered it at the same moment; import the file again to load these rows"))));
				continue;
			}
			sent.add(prepared);
			entries.add(prepared.entry() instanceof OrderBatch.NewOrder order ? new OrderBatch.NewOrder(order.input().forMember(memberId))
					: prepared.entry() instanceof OrderBatch.NewCreditNote credit
							? new OrderBatch.NewCreditNote(credit.refund(), memberId, credit.storeId(), credit.currency())
							: prepared.entry());
		}
		OrderBatch orders = new OrderBatch(entries, loyalty, job.id());
		List<EntryResult> results = entries.isEmpty() ? List.of()
				: (dryRun ? batches.preview(orders) : batches.record(orders)).entries();
		List<Prepared> refunding = new ArrayList<>();
		List<EntryResult> recorded = new ArrayList<>();
		List<Order> correctedOrders = new ArrayList<>();
		for (int i = 0; i < sent.size(); i++) {
			EntryResult result = results.get(i);
			if (corrections != null && result.outcome() == OrderBatch.Outcome.REFUSED) {
				result = corrected(entries.get(i), result);
				if (result.outcome() == OrderBatch.Outcome.CORRECTED && !dryRun) {
					correctedOrders.add(result.order());
				}
			}
			if (sent.get(i).refunded() != null && !dryRun && result.order() != null && (result.outcome() == OrderBatch.Outcome.RECORDED
					|| result.outcome() == OrderBatch.Outcome.REPLAYED || result.outcome() == OrderBatch.Outcome.CORRECTED)) {
				refunding.add(sent.get(i));
				recorded.add(result);
				continue;
			}
			settled.addAll(settle(sent.get(i), result, atEnd));
		}
		if (!correctedOrders.isEmpty()) {
			// Written first, completed together: a member many of whose orders the batch corrects is recounted once.
			corrections.complete(correctedOrders);
		}
		settled.addAll(refund(refunding, recorded, atEnd));
		batch.clear();
		batchLines = 0;
		batchFirstRow = Long.MAX_VALUE;
		creditsNow.forEach(this::add);
		creditsNow.clear();
		return settled;
	}

	/**
	 * Records the refunds the orders' rows say were given back on them, once the orders are in the store: an order
	 * refused is never refunded, nor one that another order of the same number stands for. An order whose refund is
	 * refused has its rows refused with the refund's reason.
	 */
	private List<Settled> refund(List<Prepared> orders, List<EntryResult> recorded, boolean atEnd) {
		if (orders.isEmpty()) {
			return List.of();
		}
		List<OrderBatch.Entry> refunds = orders.stream().<OrderBatch.Entry>map(o -> new OrderBatch.NewRefund(o.refunded()))
			.toList();
		List<EntryResult> results = batches.record(new OrderBatch(refunds, loyalty, job.id())).entries();
		List<Settled> settled = new ArrayList<>();
		for (int i = 0; i < orders.size(); i++) {
			EntryResult result = results.get(i);
			if (corrections != null && result.outcome() == OrderBatch.Outcome.REFUSED) {
				result = corrected(refunds.get(i), result);
			}
			boolean refunded = result.outcome() == OrderBatch.Outcome.RECORDED
					|| result.outcome() == OrderBatch.Outcome.REPLAYED || result.outcome() == OrderBatch.Outcome.CORRECTED;
			if (refunded) {
				// An order recorded before without its refund (a mapping without refundedAmount) is loaded now.
				boolean refundNew = result.outcome() != OrderBatch.Outcome.REPLAYED;
				settled.addAll(refundNew && recorded.get(i).outcome() == OrderBatch.Outcome.REPLAYED
						? all(orders.get(i).rows(), result.outcome() == OrderBatch.Outcome.CORRECTED ? RowOutcome.LINKED
								: RowOutcome.LOADED)
						: settle(orders.get(i), recorded.get(i), atEnd));
			}
			else {
				String reason = result.error() == null ? "its order was not found" : result.error().message()
						+ ("REFUND_CONFLICT".equals(result.error().code()) && corrections == null
								? ": an earlier import read it otherwise; import the file again with changedOrders=CORRECT "
										+ "to correct it to this file's content"
								: "");
				settled.addAll(rejectAll(orders.get(i).rows(), orders.get(i).rows().get(0), "refundedAmount", reason));
			}
		}
		return settled;
	}

	/**
	 * An order or a refund the store holds with other content, corrected to the file's; any other refusal as it
	 * was. Only what was recorded before this job is corrected: a preview has written nothing.
	 */
	private EntryResult corrected(OrderBatch.Entry entry, EntryResult refused) {
		String code = refused.error().code();
		if ("ORDER_CONFLICT".equals(code) && entry instanceof OrderBatch.NewOrder changed) {
			return corrections.correct(changed.input(), loyalty, job.startedAt() == null ? Instant.MAX : job.startedAt(),
					!dryRun, false);
		}
		if ("REFUND_CONFLICT".equals(code) && entry instanceof OrderBatch.NewRefund changed) {
			return corrections.correctRefund(changed.input(), loyalty, job.id(), !dryRun);
		}
		return refused;
	}

	private List<Settled> settle(Prepared prepared, EntryResult result, boolean atEnd) {
		switch (result.outcome()) {
			case RECORDED -> {
				return all(prepared.rows(), RowOutcome.LOADED);
			}
			case CORRECTED -> {
				return all(prepared.rows(), RowOutcome.LINKED);
			}
			case REPLAYED -> {
				Order order = result.order();
				Instant written = prepared.entry() instanceof OrderBatch.NewRefund ? order.changedAt() : order.recordedAt();
				return all(prepared.rows(), job.wroteBefore(written) ? RowOutcome.LOADED : RowOutcome.DUPLICATE);
			}
			case ORDER_NOT_FOUND -> {
				if (prepared.ifNoOrder().refund().orderNumber() == null) {
					// Returned lines under a number no order has: a credit note of that number, at once.
					creditsNow.add(prepared.asCreditNote());
					return List.of();
				}
				if (!atEnd) {
					deferred.add(prepared);
					deferredFirstRow = Math.min(deferredFirstRow, prepared.rows().get(0).number());
					return List.of();
				}
				// Still not known at the end of the file: a credit note, which moves onto its order if a later file
				// brings it.
				credits.add(prepared.asCreditNote());
				return List.of();
			}
			case REFUSED -> {
				if (!atEnd && corrections != null && prepared.entry() instanceof OrderBatch.NewOrder
						&& "REFUND_EXCEEDS_PAID".equals(result.error().code())) {
					// Corrected below what is refunded on it: the file's returns, corrected too, may lower the refunds
					// later on; tried again at the end of the file.
					deferred.add(prepared);
					deferredFirstRow = Math.min(deferredFirstRow, prepared.rows().get(0).number());
					return List.of();
				}
				return refused(prepared, result);
			}
			default -> {
				return refused(prepared, result);
			}
		}
	}

	/** A refusal, told on the row it is about: {@code lines[3].unitPrice} is the fourth line's price. */
	private List<Settled> refused(Prepared prepared, EntryResult result) {
		String field = result.error().field();
		SourceRow at = prepared.rows().get(0);
		if (field != null && field.startsWith("lines[")) {
			int index = Integer.parseInt(field.substring("lines[".length(), field.indexOf(']')));
			at = prepared.rows().get(Math.min(index, prepared.rows().size() - 1));
			field = field.substring(field.indexOf("].") + 2);
		}
		if ("refundedAt".equals(field) && prepared.entry() instanceof OrderBatch.NewRefund refund
				&& !refund.input().refundId().startsWith(OrderReading.REFUNDED_PREFIX)) {
			// A return's date is the date of its rows (only a refunded amount on a sale's row has a refundedAt).
			field = "placedAt";
		}
		if (field != null && !ORDER_FIELDS.contains(field)) {
			// A field of the record no column fills (a refund's id is made from the return's number).
			field = "orderNumber";
		}
		String reason = result.error().message();
		reason += hint(prepared.entry(), result.error().code());
		return rejectAll(prepared.rows(), at, field, reason);
	}

	/** What the user can do about a conflict with what the store holds. */
	private String hint(OrderBatch.Entry entry, String code) {
		String window = "its lines lie further apart in the file than membergraph.import.order-window rows and were "
				+ "read as two (raise the window)";
		boolean correctable = "ORDER_CONFLICT".equals(code) && entry instanceof OrderBatch.NewOrder
				|| "REFUND_CONFLICT".equals(code) && entry instanceof OrderBatch.NewRefund;
		if (!correctable) {
			return "ORDER_CONFLICT".equals(code) ? ": " + window : "";
		}
		if (corrections != null) {
			// A refused correction says why itself.
			return "";
		}
		return ": either an earlier import read it otherwise (import the file again with changedOrders=CORRECT to "
				+ "correct it to this file's content) or " + window;
	}

	/** Refuses an order whole: the row at fault with its field and value, the others as part of it. */
	private List<Settled> rejectAll(List<SourceRow> rows, SourceRow at, String field, String reason) {
		List<Settled> settled = new ArrayList<>();
		for (SourceRow row : rows) {
			settled.add(row == at ? Settled.rejected(row, mapping, field, reason)
					: Settled.rejected(row, mapping, null, "part of an order refused because of row " + at.number() + ": "
							+ reason));
		}
		return settled;
	}

	/**
	 * Registers the members the batch names by phone, e-mail or channel account that no one has, each joined when
	 * its first order of the batch was placed ({@link UnknownCustomers}).
	 */
	private void registerUnknown(List<Prepared> prepared, Map<MemberReference.Ref, String> found,
			Map<MemberReference.Ref, String> notRegistered) {
		Map<MemberReference.Ref, Instant> firstSeen = new LinkedHashMap<>();
		for (Prepared p : prepared) {
			MemberReference.Ref ref = p.member();
			Instant at = p.entry() instanceof OrderBatch.NewOrder order ? order.input().placedAt()
					: p.entry() instanceof OrderBatch.NewCreditNote credit ? credit.refund().refundedAt() : null;
			if (ref != null && at != null && !found.containsKey(ref) && !ref.field().equals("memberId")) {
				firstSeen.merge(ref, at, (a, b) -> a.isBefore(b) ? a : b);
			}
		}
		if (!firstSeen.isEmpty()) {
			unknownCustomers.register(firstSeen, found, notRegistered);
		}
	}

	private static List<Settled> all(List<SourceRow> rows, RowOutcome outcome) {
		return rows.stream().map(row -> Settled.as(row, outcome)).toList();
	}

}
