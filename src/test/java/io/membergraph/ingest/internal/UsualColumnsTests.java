package io.membergraph.ingest.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.membergraph.shared.InvalidInputException.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** A layout suggests the mapping of the exports people bring, under the names those exports write. */
class UsualColumnsTests {

	/** The header of Shopify's order export, as it writes it. */
	private static final List<String> SHOPIFY_ORDERS = List.of("Name", "Email", "Financial Status", "Paid at",
			"Fulfillment Status", "Fulfilled at", "Accepts Marketing", "Currency", "Subtotal", "Shipping", "Taxes", "Total",
			"Discount Code", "Discount Amount", "Shipping Method", "Created at", "Lineitem quantity", "Lineitem name",
			"Lineitem price", "Lineitem compare at price", "Lineitem sku", "Lineitem requires shipping", "Lineitem taxable",
			"Lineitem fulfillment status", "Billing Name", "Refunded Amount", "Cancelled at", "Id");

	@Test
	void shopifysOrderExportGetsEveryFieldItHasTheOrderNumberFromItsNameBesideItsLineColumns() {
		assertThat(likely(ImportFields.ORDERS, SHOPIFY_ORDERS, Map.of())).containsOnly(entry("orderNumber", "Name"),
				entry("memberEmail", "Email"),
				entry("status", "Financial Status"), entry("paidAt", "Paid at"), entry("currency", "Currency"),
				entry("couponCode", "Discount Code"), entry("discount", "Discount Amount"), entry("placedAt", "Created at"),
				entry("quantity", "Lineitem quantity"), entry("unitPrice", "Lineitem price"), entry("sku", "Lineitem sku"),
				entry("refundedAmount", "Refunded Amount"), entry("cancelledAt", "Cancelled at"));
	}

	/** Elsewhere a column called Name is the customer's or the product's: it numbers no orders. */
	@Test
	void aNameColumnIsNoOrderNumberWithoutShopifysLineColumns() {
		assertThat(likely(ImportFields.ORDERS, List.of("Name", "Phone", "Order Date", "SKU", "Qty", "Price"), Map.of()))
			.doesNotContainKey("orderNumber")
			.containsEntry("placedAt", "Order Date");
		assertThat(likely(ImportFields.ORDERS, SHOPIFY_ORDERS, Map.of("orderNumber", "Id"))).doesNotContainKey("orderNumber")
			.doesNotContainValue("Name");
	}

	@Test
	void publicDataSetsAndChineseShopExportsAreRecognised() {
		assertThat(likely(ImportFields.ORDERS,
				List.of("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID",
						"Country"),
				Map.of()))
			.containsOnly(entry("orderNumber", "InvoiceNo"), entry("sku", "StockCode"), entry("quantity", "Quantity"),
					entry("placedAt", "InvoiceDate"), entry("unitPrice", "UnitPrice"),
					entry("memberExternalId", "CustomerID"));
		assertThat(likely(ImportFields.ORDERS, List.of("订单编号", "买家会员名", "订单状态", "订单创建时间", "订单付款时间", "商家编码",
				"购买数量", "单价", "联系手机"), Map.of()))
			.containsOnly(entry("orderNumber", "订单编号"), entry("memberExternalId", "买家会员名"), entry("status", "订单状态"),
					entry("placedAt", "订单创建时间"), entry("paidAt", "订单付款时间"), entry("sku", "商家编码"),
					entry("quantity", "购买数量"), entry("unitPrice", "单价"), entry("memberPhone", "联系手机"));
		assertThat(likely(ImportFields.INTERACTIONS, List.of("timestamp", "visitorid", "event", "itemid", "transactionid"),
				Map.of()))
			.containsOnly(entry("occurredAt", "timestamp"), entry("visitorId", "visitorid"), entry("type", "event"),
					entry("sku", "itemid"));
	}

	/**
	 * Tableau's Superstore sample, the most copied retail order file: its Sales is the line's amount, and its Discount
	 * a rate (0.2 for 20%), which read as an amount would take 0.20 off the order, so it is not suggested.
	 */
	@Test
	void theSuperstoreSampleIsRecognisedButItsDiscountRateIsNotTakenForAnAmount() {
		assertThat(likely(ImportFields.ORDERS, List.of("Row ID", "Order ID", "Order Date", "Ship Date", "Ship Mode",
				"Customer ID", "Customer Name", "Segment", "Country", "City", "State", "Postal Code", "Region", "Product ID",
				"Category", "Sub-Category", "Product Name", "Sales", "Quantity", "Discount", "Profit"), Map.of()))
			.containsOnly(entry("orderNumber", "Order ID"), entry("placedAt", "Order Date"), entry("shippedAt", "Ship Date"),
					entry("memberExternalId", "Customer ID"), entry("sku", "Product ID"), entry("category", "Category"),
					entry("lineAmount", "Sales"), entry("quantity", "Quantity"));
	}

	/** JD's, Youzan's and Pinduoduo's order exports, as their back offices name the columns. */
	@Test
	void chineseMarketplacesOrderExportsAreRecognised() {
		assertThat(likely(ImportFields.ORDERS, List.of("订单号", "商品ID", "商品名称", "订购数量", "下单时间", "京东价", "订单金额",
				"付款确认时间", "客户姓名", "客户地址", "联系电话", "订单状态"), Map.of()))
			.containsOnly(entry("orderNumber", "订单号"), entry("sku", "商品ID"), entry("quantity", "订购数量"),
					entry("placedAt", "下单时间"), entry("unitPrice", "京东价"), entry("paidAt", "付款确认时间"),
					entry("memberPhone", "联系电话"), entry("status", "订单状态"));
		assertThat(likely(ImportFields.ORDERS, List.of("订单号", "商品名称", "商品规格", "商品编码", "商品单价", "商品数量",
				"商品实际成交金额", "下单时间", "付款时间", "买家手机号", "收货人/提货人", "订单状态"), Map.of()))
			.containsOnly(entry("orderNumber", "订单号"), entry("sku", "商品编码"), entry("unitPrice", "商品单价"),
					entry("quantity", "商品数量"), entry("lineAmount", "商品实际成交金额"), entry("placedAt", "下单时间"),
					entry("paidAt", "付款时间"), entry("memberPhone", "买家手机号"), entry("status", "订单状态"));
		assertThat(likely(ImportFields.ORDERS, List.of("订单号", "商品id", "商品规格", "商品数量(件)", "商品总价(元)", "订单成交时间",
				"支付时间", "手机"), Map.of()))
			.containsOnly(entry("orderNumber", "订单号"), entry("sku", "商品id"), entry("quantity", "商品数量(件)"),
					entry("lineAmount", "商品总价(元)"), entry("placedAt", "订单成交时间"), entry("paidAt", "支付时间"),
					entry("memberPhone", "手机"));
	}

	/** Taobao's 宝贝报表 (the lines) with its 订单报表 (the orders) as a lookup file: every field but the channel. */
	@Test
	void taobaosItemAndOrderReportsTogetherSuggestTheWholeMapping() {
		List<String> items = List.of("订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注", "订单状态",
				"商家编码");
		List<String> orders = List.of("订单编号", "买家会员名", "买家支付宝账号", "买家应付货款", "买家应付邮费", "总金额",
				"买家实际支付金额", "订单状态", "买家留言", "收货人姓名", "收货地址", "联系电话", "联系手机", "订单创建时间", "订单付款时间",
				"宝贝标题", "宝贝种类", "物流单号", "宝贝总数量", "退款金额");
		assertThat(likely(ImportFields.ORDERS, LookupTable.together(items, List.of(orders)), Map.of()))
			.containsOnly(entry("orderNumber", "订单编号"), entry("unitPrice", "价格"), entry("quantity", "购买数量"),
					entry("status", "订单状态"), entry("sku", "商家编码"), entry("memberExternalId", "买家会员名"),
					entry("memberPhone", "联系手机"), entry("placedAt", "订单创建时间"), entry("paidAt", "订单付款时间"),
					entry("refundedAmount", "退款金额"));
	}

	/** Klaviyo's profile export, as it names its columns. */
	@Test
	void aMailingToolsProfileExportIsRecognised() {
		assertThat(likely(ImportFields.MEMBERS, List.of("Email", "Phone Number", "First Name", "Last Name", "City",
				"State / Region", "Country", "Created", "Email Marketing Consent", "SMS Consent"), Map.of()))
			.containsOnly(entry("email", "Email"), entry("phone", "Phone Number"), entry("city", "City"),
					entry("province", "State / Region"), entry("joinedAt", "Created"),
					entry("emailConsent", "Email Marketing Consent"), entry("smsConsent", "SMS Consent"));
	}

	/**
	 * Shopify's customer export and Klaviyo's profiles split the name: the two columns are suggested joined with a
	 * space (姓 and 名 with nothing between), but not where one column gives the name or the mapping reads them.
	 */
	@Test
	void aNameSplitInTwoColumnsIsSuggestedJoined() {
		List<String> shopify = List.of("Customer ID", "First Name", "Last Name", "Email", "Accepts Email Marketing",
				"Default Address City", "Default Address Province Code", "Phone", "Total Spent", "Tags");
		assertThat(ImportFields.MEMBERS.likelySplit(shopify, FieldMapping.IDENTITY,
				ImportFields.MEMBERS.likelyColumns(shopify, FieldMapping.IDENTITY)))
			.containsOnly(entry("name", new UsualColumns.Split(List.of("First Name", "Last Name"), " ")));
		assertThat(ImportFields.MEMBERS.likelySplit(List.of("姓", "名", "手机号"), FieldMapping.IDENTITY, Map.of()))
			.containsOnly(entry("name", new UsualColumns.Split(List.of("姓", "名"), "")));
		assertThat(ImportFields.MEMBERS.likelySplit(List.of("first_name", "last_name", "Full Name"), FieldMapping.IDENTITY,
				ImportFields.MEMBERS.likelyColumns(List.of("first_name", "last_name", "Full Name"), FieldMapping.IDENTITY)))
			.isEmpty();
		List<String> missing = ImportFields.MEMBERS.likelySplit(List.of("first_name", "last_name"), FieldMapping.IDENTITY,
				Map.of()).get("name").columns();
		assertThat(missing).containsExactly("first_name", "last_name");
	}

	@Test
	void aColumnGoesToOneFieldAndAFieldsOwnNameComesFirst() {
		// "Date" is a usual name of placedAt, but a column named as the field wins; each column is suggested once.
		assertThat(likely(ImportFields.ORDERS, List.of("Date", "placed_at", "Price", "Status"), Map.of()))
			.containsOnly(entry("placedAt", "placed_at"), entry("unitPrice", "Price"), entry("status", "Status"));
		// A mapped field gets no suggestion, and a column the mapping reads is not offered to another field.
		assertThat(likely(ImportFields.ORDERS, List.of("Created at", "Paid at", "Email"),
				Map.of("paidAt", "Created at", "memberPhone", "Email")))
			.isEmpty();
	}

	@Test
	void aRequiredFieldLeftUnmappedNamesTheColumnThatLooksLikeIt() {
		List<Problem> problems = mapping(ImportFields.ORDERS, Map.of("orderNumber", "Name", "channel", Map.of("value", "WEB")))
			.check(ImportFields.ORDERS, SHOPIFY_ORDERS);
		assertThat(problems).extracting(Problem::field).containsExactly("mapping.placedAt", "mapping.paidAt", "mapping.sku",
				"mapping.quantity", "mapping.unitPrice");
		assertThat(problems.get(0).reason()).endsWith("its column 'Created at' looks like it: map it, "
				+ "{\"placedAt\": \"Created at\"}");
	}

	private static Map<String, String> likely(ImportFields fields, List<String> columns, Map<String, Object> mapping) {
		return fields.likelyColumns(columns, mapping(fields, mapping));
	}

	private static FieldMapping mapping(ImportFields fields, Map<String, Object> given) {
		List<Problem> problems = new ArrayList<>();
		FieldMapping mapping = FieldMapping.parse(given, fields, problems);
		assertThat(problems).isEmpty();
		return mapping;
	}

}
