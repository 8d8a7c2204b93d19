package io.membergraph.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import io.membergraph.commerce.LoyaltyMode;
import io.membergraph.commerce.Order;
import io.membergraph.commerce.OrderBatch;
import io.membergraph.commerce.OrderBatch.EntryResult;
import io.membergraph.commerce.OrderBatches;
import io.membergraph.commerce.OrderCorrections;
import io.membergraph.commerce.OrderInputs.OrderLineInput;
import io.membergraph.commerce.OrderInputs.RecordOrderInput;
import io.membergraph.commerce.OrderInputs.RefundLineInput;
import io.membergraph.commerce.OrderInputs.RefundOrderInput;
import io.membergraph.ingest.ImportCounts.RowOutcome;
import io.membergraph.member.BulkRegistration;
import io.membergraph.member.MemberDirectory;
import io.membergraph.member.MemberInputs.IdentityInput;
import io.membergraph.member.MemberInputs.RegisterMemberInput;
import io.membergraph.shared.Channel;
import io.membergraph.shared.InvalidInputException;
import io.membergraph.shared.Money;
import io.membergraph.shared.UnitPrice;

/**
 * Order lines into orders and returns, recorded in batches ({@link OrderBatches}) with the same end state as
 * recording each through the API. The lines of one order may lie anywhere in the file ({@link OrderAssembly}).
 * A line with a negative quantity or price is a return of its order ({@code NEGATIVE_QUANTITY}, the default),
 * or a whole order is a return by its number's prefix or its status ({@code PREFIX:}, {@code STATUS:}). A return
 * whose order is not known yet is tried again at the end of the file; one whose order is still not known then,
 * or that names no order at all, is a credit note: a refund of the member on its own, which moves onto its order
 * if a later file brings it.
 */
final class OrderRows implements RowSink {

	private static final Set<String> ORDER_FIELDS = ImportFields.of(ImportJob.ImportEntity.ORDERS).all();

	/** Statuses that cancel an order (translate the file's own to one of them: {"交易关闭": "CANCELLED"}). */
	private static final Set<String> CANCELLED = Set.of("CANCELLED", "CANCELED");

	private final OrderBatches batches;

	/** Corrects orders recorded before with other content, when the import asks for it; null when it does not. */
	private final OrderCorrections corrections;

	private final MemberReference memberReference;

	private final BulkRegistration registrations;

	private final boolean registerUnknown;

	private final FieldMapping mapping;

	private final Cleaning cleaning;

	private final Amounts amounts;

	private final ReturnRule returns;

	private final LoyaltyMode loyalty;

	private final String currency;

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
		this.registrations = registrations;
		this.registerUnknown = spec.registerUnknown();
		this.job = job;
		this.dryRun = dryRun;
		this.batches = batches;
		this.corrections = spec.correctChanged() ? corrections : null;
		this.mapping = spec.mapping();
		this.cleaning = spec.cleaning();
		this.memberReference = new MemberReference(members, mapping, cleaning);
		this.amounts = spec.amounts();
		this.returns = spec.returns();
		this.loyalty = spec.loyalty();
		this.currency = spec.currency();
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

	private List<Settled> clean(OrderAssembly.Lines lines) {
		List<SourceRow> rows = lines.rows();
		SourceRow first = rows.get(0);
		List<Line> parsed = new ArrayList<>();
		List<SourceRow> empty = new ArrayList<>();
		try {
			Header header = header(first);
			for (SourceRow row : rows) {
				if (sellsNothing(row)) {
					empty.add(row);
				}
				else {
					parsed.add(line(row));
				}
			}
			boolean wholeReturn = returns.kind() != ReturnRule.Kind.NEGATIVE_QUANTITY
					&& returns.isReturn(header.number, header.status, null);
			List<Line> sold = parsed.stream().filter(l -> !wholeReturn && !l.returned()).toList();
			List<Line> returned = parsed.stream().filter(l -> wholeReturn || l.returned()).toList();
			if (!sold.isEmpty()) {
				RecordOrderInput order = order(header, sold);
				add(new Prepared(new OrderBatch.NewOrder(order), rowsOf(sold), header.member, header.number)
					.withRefund(refunded(first, header, order)));
			}
			else if (header.refundedAmount() != null) {
				throw new LineException(first, new InvalidInputException("refundedAmount",
						"is given on a return, whose amount comes from its returned lines"));
			}
			if (!returned.isEmpty()) {
				RefundOrderInput refund = refund(header, returned, !sold.isEmpty());
				add(new Prepared(new OrderBatch.NewRefund(refund), rowsOf(returned), header.member, header.number,
						creditNote(refund, header), null));
			}
			return leftOut(empty, parsed.isEmpty(), header.number);
		}
		catch (LineException ex) {
			return rejectAll(rows, ex.row, ex.error.field(), ex.error.reason());
		}
	}

	/**
	 * A line of no units that costs nothing (quantity 0, no price or amount, or 0): a coupon or a scan a till
	 * logged, as Dunnhumby's baskets have them. It records nothing, and an order refused for it would lose the rest:
	 * it is left out of its order and reported. A line of no units with a price is refused as before.
	 */
	private static final java.util.regex.Pattern ZERO = java.util.regex.Pattern.compile("[+-]?0+([.,]0*)?");

	private boolean sellsNothing(SourceRow row) {
		String written = mapping.value(row, "quantity");
		// Every line passes here: only a quantity written as zero is parsed, the others once, by line().
		if (written == null || !ZERO.matcher(written.strip()).matches()) {
			return false;
		}
		try {
			if (amounts.integer("quantity", written) != 0) {
				return false;
			}
			String currency = mapping.value(row, "currency");
			BigDecimal price = amounts.unitPrice("unitPrice", mapping.value(row, "unitPrice"), currency);
			Money amount = amounts.lineAmount("lineAmount", mapping.value(row, "lineAmount"), currency);
			return (price == null || price.signum() == 0) && (amount == null || amount.equals(Money.ZERO));
		}
		catch (InvalidInputException unreadable) {
			// Refused with its reason when the line is read.
			return false;
		}
	}

	private List<Settled> leftOut(List<SourceRow> empty, boolean wholeOrder, String number) {
		String reason = wholeOrder ? "sells no units and costs nothing, as every line of order " + number
				+ " does: nothing to record" : "sells no units and costs nothing: left out of order " + number
						+ ", whose other lines are read without it";
		return empty.stream().map(row -> Settled.rejected(row, mapping, "quantity", reason)).toList();
	}

	private void add(Prepared prepared) {
		batch.add(prepared);
		batchLines += prepared.rows().size();
		batchFirstRow = Math.min(batchFirstRow, prepared.rows().get(0).number());
	}

	/** The order-level fields, from an order's first line. */
	private record Header(Channel channel, String number, MemberReference.Ref member, String storeId, String salesAssociate,
			Instant placedAt, Instant paidAt, Instant shippedAt, Instant deliveredAt, Instant completedAt,
			Instant cancelledAt, Money discount, Money paidAmount, String couponCode, String campaignId, String status,
			String originalNumber, String currency, Money refundedAmount, Instant refundedAt) {
	}

	/** One cleaned line; {@code returned} when its quantity or price is negative. */
	private record Line(SourceRow row, String sku, int quantity, BigDecimal unitPrice, Money amount, String category,
			boolean returned) {
	}

	private Header header(SourceRow row) {
		try {
			String currency = mapping.value(row, "currency");
			Channel channel = Cleaning.channel("channel", mapping.value(row, "channel"));
			Instant placedAt = InvalidInputException.require("placedAt", time(row, "placedAt"));
			String status = Cleaning.text(mapping.value(row, "status"));
			Instant cancelledAt = time(row, "cancelledAt");
			if (cancelledAt == null && status != null && CANCELLED.contains(status.toUpperCase(java.util.Locale.ROOT))) {
				// Exports that say so only in a status: cancelled when placed, as far as the file tells.
				cancelledAt = placedAt;
			}
			return new Header(channel, InvalidInputException.requireText("orderNumber",
					Cleaning.identifier("orderNumber", mapping.value(row, "orderNumber"))),
					memberReference.of(row, channel), Cleaning.text(mapping.value(row, "storeId")),
					Cleaning.text(mapping.value(row, "salesAssociate")), placedAt, time(row, "paidAt"),
					time(row, "shippedAt"), time(row, "deliveredAt"), time(row, "completedAt"), cancelledAt,
					amounts.amount("discount", mapping.value(row, "discount"), currency),
					amounts.amount("paidAmount", mapping.value(row, "paidAmount"), currency),
					Cleaning.text(mapping.value(row, "couponCode")), Cleaning.text(mapping.value(row, "campaignId")),
					status, Cleaning.identifier("originalOrderNumber", mapping.value(row, "originalOrderNumber")),
					Cleaning.text(currency), refundedAmount(row, currency), time(row, "refundedAt"));
		}
		catch (InvalidInputException ex) {
			throw new LineException(row, ex);
		}
	}

	/** What the row says was given back on its order, as a positive amount; null when nothing was. */
	private Money refundedAmount(SourceRow row, String currency) {
		Money refunded = amounts.amount("refundedAmount", mapping.value(row, "refundedAmount"), currency);
		// Exports write money given back as 30.00 or as -30.00: the same 30 refunded.
		return refunded == null || refunded.equals(Money.ZERO) ? null : abs(refunded);
	}

	/**
	 * The refund of the money the order's row says was given back on it (a web shop's "Refunded Amount"): one refund
	 * of the order, {@code refunded-<number>}, at most what the order paid. Null when the row gives none.
	 */
	private RefundOrderInput refunded(SourceRow row, Header header, RecordOrderInput order) {
		if (header.refundedAmount() == null) {
			return null;
		}
		if (header.refundedAt() == null) {
			throw new LineException(row, new InvalidInputException("refundedAt", "is required when refundedAmount is given"));
		}
		if (order.paidAt() == null) {
			// Refused whole: recorded unpaid, its refund would be refused after it.
			throw new LineException(row, new InvalidInputException("refundedAmount", "is given on order " + header.number()
					+ ", which was never paid (no paidAt)"));
		}
		Money paid = order.paidAmount() != null ? order.paidAmount() : linesTotal(order).minus(order.discount() == null
				? Money.ZERO : order.discount());
		if (header.refundedAmount().compareTo(paid) > 0) {
			throw new LineException(row, new InvalidInputException("refundedAmount", "is " + header.refundedAmount()
					+ ", more than the " + paid + " paid for order " + header.number()));
		}
		return new RefundOrderInput(header.channel(), header.number(), "refunded-" + header.number(),
				header.refundedAmount(), header.refundedAt(), "imported refund of order " + header.number(), List.of());
	}

	/** The order's lines added up as recording adds them: each line's amount, or its units at its price. */
	private static Money linesTotal(RecordOrderInput order) {
		int digits = Amounts.minorDigits(order.currency());
		Money total = Money.ZERO;
		for (OrderLineInput line : order.lines()) {
			total = total.plus(line.amount() != null ? line.amount() : line.unitPrice().times(line.quantity(), digits));
		}
		return total;
	}

	private Line line(SourceRow row) {
		try {
			String sku = InvalidInputException.requireText("sku", Cleaning.identifier("sku", mapping.value(row, "sku")));
			int quantity = InvalidInputException.require("quantity", amounts.integer("quantity", mapping.value(row, "quantity")));
			String currency = mapping.value(row, "currency");
			BigDecimal price = amounts.unitPrice("unitPrice", mapping.value(row, "unitPrice"), currency);
			Money amount = amounts.lineAmount("lineAmount", mapping.value(row, "lineAmount"), currency);
			if (price == null && amount == null) {
				throw new InvalidInputException("unitPrice", "is required (or lineAmount)");
			}
			if (quantity == 0) {
				throw new InvalidInputException("quantity", "is 0: a line sells or returns at least one unit");
			}
			boolean returned = quantity < 0 || price != null && price.signum() < 0 || amount != null && amount.isNegative();
			return new Line(row, sku, quantity, price, amount, Cleaning.text(mapping.value(row, "category")), returned);
		}
		catch (InvalidInputException ex) {
			throw new LineException(row, ex);
		}
	}

	private RecordOrderInput order(Header header, List<Line> lines) {
		List<OrderLineInput> inputs = new ArrayList<>();
		for (Line line : lines) {
			BigDecimal price = line.unitPrice() != null ? line.unitPrice()
					: line.amount().toDecimal().divide(BigDecimal.valueOf(line.quantity()), UnitPrice.SCALE, RoundingMode.HALF_UP);
			inputs.add(new OrderLineInput(line.sku(), line.quantity(), new UnitPrice(price), line.amount(), line.category()));
		}
		return new RecordOrderInput(header.channel(), header.number(), null, header.storeId(), header.salesAssociate(),
				header.placedAt(), header.paidAt(), header.shippedAt(), header.deliveredAt(), header.completedAt(),
				header.cancelledAt(), inputs, header.discount(), header.paidAmount(), header.couponCode(),
				header.campaignId(), header.currency() != null ? header.currency() : currency);
	}

	/**
	 * The refund a return makes: of the order it names ({@code originalOrderNumber}), the order a prefix marks, or
	 * the order of the same number. Its id is the return's own number; returned lines among an order's sold lines
	 * are {@code returns-<number>}, and returned lines read apart from their order's (later in the file, or in a
	 * later file) {@code returns-<number>-<digest of the lines>}, so that importing the file again finds each.
	 */
	private RefundOrderInput refund(Header header, List<Line> lines, boolean ofItsOwnOrder) {
		String number = header.number();
		String original = ofItsOwnOrder ? number
				: header.originalNumber() != null ? header.originalNumber() : returns.originalOf(number);
		String refundId = ofItsOwnOrder ? "returns-" + number
				: original.equals(number) ? "returns-" + number + "-" + digest(header, lines) : number;
		Money amount = Money.ZERO;
		List<RefundLineInput> returnedLines = new ArrayList<>();
		int digits = Amounts.minorDigits(header.currency() != null ? header.currency() : currency);
		for (Line line : lines) {
			int quantity = Math.abs(line.quantity());
			Money lineAmount = line.amount() != null ? abs(line.amount())
					: new UnitPrice(line.unitPrice().abs()).times(quantity, digits);
			amount = amount.plus(lineAmount);
			returnedLines.add(new RefundLineInput(line.sku(), quantity));
		}
		return new RefundOrderInput(header.channel(), original, refundId, amount, header.placedAt(),
				"imported return " + header.number(), returnedLines);
	}

	/**
	 * The credit note a return is when its order is not known, for the member its rows name: one that waits for
	 * the order it names, or, for returned lines under their own number, one of that number naming no order.
	 */
	private OrderBatch.NewCreditNote creditNote(RefundOrderInput refund, Header header) {
		RefundOrderInput credit = !refund.orderNumber().equals(header.number()) ? refund
				: new RefundOrderInput(refund.channel(), null, header.number(), refund.amount(), refund.refundedAt(),
						refund.reason(), refund.lines());
		return new OrderBatch.NewCreditNote(credit, null, header.storeId(),
				header.currency() != null ? header.currency() : currency);
	}

	/** A short digest of returned lines, which tells two returns of one order apart and finds each again. */
	private static String digest(Header header, List<Line> lines) {
		StringBuilder text = new StringBuilder(String.valueOf(header.placedAt()));
		lines.forEach(line -> text.append('|').append(line.sku()).append('|').append(line.quantity()).append('|')
			.append(line.unitPrice()).append('|').append(line.amount()));
		return io.membergraph.shared.Digests.sha256Hex(text.toString(), 8);
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
		for (int i = 0; i < sent.size(); i++) {
			EntryResult result = results.get(i);
			if (corrections != null && result.outcome() == OrderBatch.Outcome.REFUSED) {
				result = corrected(entries.get(i), result);
			}
			if (sent.get(i).refunded() != null && !dryRun && result.order() != null && (result.outcome() == OrderBatch.Outcome.RECORDED
					|| result.outcome() == OrderBatch.Outcome.REPLAYED || result.outcome() == OrderBatch.Outcome.CORRECTED)) {
				refunding.add(sent.get(i));
				recorded.add(result);
				continue;
			}
			settled.addAll(settle(sent.get(i), result, atEnd));
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
					!dryRun);
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

	/** A member's name at most (the profile's own bound). */
	private static final int MAX_NAME = 64;

	/**
	 * Registers the members the batch names by phone, e-mail or channel account that no one has, joined in the row's
	 * channel when their first order of the batch was placed, and adds them to {@code found}; one registered
	 * meanwhile by someone else is found instead, and why any other could not be registered goes to
	 * {@code notRegistered}. Named by what the file says of them: the phone, the e-mail, or the channel and account
	 * (cut to a name's length).
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
		if (firstSeen.isEmpty()) {
			return;
		}
		List<MemberReference.Ref> refs = new ArrayList<>(firstSeen.keySet());
		List<RegisterMemberInput> inputs = refs.stream().map(ref -> {
			boolean byPhone = ref.field().equals("memberPhone");
			boolean byEmail = ref.field().equals("memberEmail");
			boolean byAccount = !byPhone && !byEmail;
			String name = byAccount ? ref.channel() + " " + ref.value() : ref.value();
			return new RegisterMemberInput(name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name, null, null,
					byPhone ? ref.value() : null, byEmail ? ref.value() : null, null, null, null, ref.channel(),
					firstSeen.get(ref), byAccount ? List.of(new IdentityInput(ref.channel(), ref.value(), null)) : List.of(),
					List.of(), List.of(), null);
		}).toList();
		List<BulkRegistration.Outcome> outcomes = registrations.registerAll(inputs);
		List<MemberReference.Ref> registeredMeanwhile = new ArrayList<>();
		for (int i = 0; i < refs.size(); i++) {
			BulkRegistration.Outcome outcome = outcomes.get(i);
			if (outcome.memberId() != null) {
				found.put(refs.get(i), outcome.memberId());
			}
			else if (outcome.registerAlone()) {
				registeredMeanwhile.add(refs.get(i));
			}
			else {
				notRegistered.put(refs.get(i), outcome.refused().reason());
			}
		}
		// Another import, or the API, registered the same customer since the batch looked: that member is theirs.
		// One not found (not written yet, or its registration crashed after claiming) is registered alone, which
		// waits for a registration in flight to write its member and takes over what a crash left.
		Map<MemberReference.Ref, String> meanwhile = memberReference.resolve(registeredMeanwhile);
		for (MemberReference.Ref ref : registeredMeanwhile) {
			if (!meanwhile.containsKey(ref)) {
				BulkRegistration.Outcome alone = registrations.registerAlone(inputs.get(refs.indexOf(ref)));
				String member = alone.memberId() != null ? alone.memberId() : memberReference.resolve(List.of(ref)).get(ref);
				if (member != null) {
					meanwhile.put(ref, member);
				}
				else {
					notRegistered.put(ref, alone.refused().reason());
				}
			}
		}
		found.putAll(meanwhile);
	}

	private Instant time(SourceRow row, String field) {
		return cleaning.dateTime(field, mapping.value(row, field));
	}

	private static List<SourceRow> rowsOf(List<Line> lines) {
		return lines.stream().map(Line::row).toList();
	}

	private static List<Settled> all(List<SourceRow> rows, RowOutcome outcome) {
		return rows.stream().map(row -> Settled.as(row, outcome)).toList();
	}

	private static Money abs(Money money) {
		return money.isNegative() ? Money.ZERO.minus(money) : money;
	}

	/** A line that cannot be read, and so neither can its order. */
	private static final class LineException extends RuntimeException {

		private final SourceRow row;

		private final InvalidInputException error;

		LineException(SourceRow row, InvalidInputException error) {
			super(error.getMessage(), null, false, false);
			this.row = row;
			this.error = error;
		}

	}

}
