package io.membergraph.ingest.internal;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The names under which shop systems' and public data sets' exports write each field of an import (Shopify,
 * WooCommerce, Magento, Taobao, JD, Youzan and Pinduoduo, UCI's Online Retail, Olist, Superstore, Dunnhumby, Retail Rocket), so that the layout of such a file
 * suggests most of its mapping. Only suggestions: a column provides a field unmapped only under the field's exact
 * name, and the user confirms each one (the preview shows what they load).
 *
 * <p>
 * Names are compared without case, spaces, dashes and underscores ({@code customer_id} is {@code Customer ID}). A
 * name that means different things in different exports is left out: Shopify's order {@code Name} is the order
 * number, elsewhere the customer; its {@code Total} and {@code Subtotal} are the order's, with shipping and tax. Such a
 * name is suggested only beside a column that tells the export apart: {@code Name} is the order number in a file
 * with Shopify's {@code Lineitem} columns.
 */
public final class UsualColumns {

	static final UsualColumns MEMBERS = new UsualColumns(Map.ofEntries(
			Map.entry("name", List.of("Full Name", "Customer Name", "会员姓名", "姓名", "客户姓名", "会员名称")),
			Map.entry("phone", List.of("Phone", "Mobile", "Mobile Phone", "Phone Number", "Default Address Phone", "手机号",
					"手机", "手机号码", "联系电话")),
			Map.entry("email", List.of("Email", "E-mail", "Email Address", "Customer Email", "邮箱", "电子邮箱")),
			Map.entry("gender", List.of("Sex", "性别")),
			Map.entry("birthDate", List.of("Birthday", "Birth Date", "Date of Birth", "DOB", "生日", "出生日期")),
			Map.entry("province", List.of("Province", "State", "State / Region", "Default Address Province Code",
					"customer_state", "省份", "省",
					"所在地区", "地区")),
			Map.entry("city", List.of("Default Address City", "customer_city", "城市", "市")),
			Map.entry("joinedAt", List.of("Created at", "Created", "Date Created", "Date Added", "Registered",
					"Registration Date", "Customer Since", "Signup Date", "注册时间", "入会时间", "开卡时间")),
			Map.entry("externalId", List.of("customer_unique_id", "Customer ID", "会员编号", "会员ID", "会员卡号")),
			Map.entry("tags", List.of("标签")),
			Map.entry("emailConsent", List.of("Accepts Email Marketing", "Accepts Marketing", "Email Marketing Consent")),
			Map.entry("smsConsent", List.of("Accepts SMS Marketing", "SMS Marketing Consent", "SMS Consent")),
			Map.entry("occupation", List.of("职业"))),
			Map.of("name", List.of(new Split(List.of("First Name", "Last Name"), " "),
					new Split(List.of("Billing First Name", "Billing Last Name"), " "),
					new Split(List.of("Given Name", "Family Name"), " "), new Split(List.of("姓", "名"), ""))));

	static final UsualColumns PRODUCTS = new UsualColumns(Map.ofEntries(
			Map.entry("sku", List.of("Variant SKU", "Product ID", "StockCode", "商家编码", "商品编码")),
			Map.entry("name", List.of("Title", "Product Name", "Description", "商品名称", "宝贝名称")),
			Map.entry("category", List.of("Product Type", "Type", "Product Category", "product_category_name", "类目",
					"商品类目")),
			Map.entry("brand", List.of("Vendor", "品牌")),
			Map.entry("listPrice", List.of("Variant Price", "Regular Price", "Price", "价格")),
			Map.entry("active", List.of("Published"))));

	static final UsualColumns ORDERS = new UsualColumns(Map.ofEntries(
			Map.entry("orderNumber", List.of("Order Number", "Order No", "Order ID", "Order #", "InvoiceNo", "Invoice",
					"Increment ID", "BASKET_ID", "订单编号", "订单号")),
			Map.entry("placedAt", List.of("Created at", "Order Date", "InvoiceDate", "order_purchase_timestamp",
					"Purchase Date", "TRANSACTION_DT", "Transaction Date", "订单创建时间", "下单时间", "订单成交时间", "Date")),
			Map.entry("paidAt", List.of("Paid at", "Paid Date", "Date Paid", "Payment Date", "order_approved_at",
					"订单付款时间", "付款时间", "支付时间", "付款确认时间")),
			Map.entry("shippedAt", List.of("Shipped at", "Ship Date", "order_delivered_carrier_date", "发货时间")),
			Map.entry("deliveredAt", List.of("Delivered at", "order_delivered_customer_date")),
			Map.entry("completedAt", List.of("Completed at", "Completed Date", "确认收货时间", "完成时间")),
			Map.entry("cancelledAt", List.of("Canceled at")),
			Map.entry("sku", List.of("Lineitem sku", "StockCode", "Product SKU", "Item SKU", "product_id", "商家编码",
					"商品编码", "商品编号", "商品ID")),
			Map.entry("quantity", List.of("Lineitem quantity", "Qty", "Qty Ordered", "Item Quantity", "购买数量", "宝贝数量",
					"商品数量", "商品数量(件)", "订购数量", "数量")),
			// Superstore's Sales and Magento's Row Total: what the line came to, discounts taken off.
			// Youzan's 商品实际成交金额 and Pinduoduo's 商品总价(元) too.
			Map.entry("lineAmount", List.of("Sales", "SALES_VALUE", "Row Total", "Line Total", "商品实际成交金额", "商品总价(元)")),
			Map.entry("unitPrice", List.of("Lineitem price", "Price", "Item Price", "Item Cost", "单价", "商品单价", "宝贝单价",
					"商品价格", "京东价", "价格")),
			Map.entry("memberEmail", List.of("Email", "Customer Email", "Billing Email", "E-mail", "邮箱")),
			Map.entry("memberPhone", List.of("Phone", "Billing Phone", "Customer Phone", "手机", "手机号", "联系手机",
					"买家手机号", "联系电话")),
			// Olist's customer_unique_id is the person; its customer_id, one per order, is not, once the files are joined.
			Map.entry("memberExternalId", List.of("customer_unique_id", "Customer ID", "User ID", "household_key", "买家会员名",
					"买家ID", "客户ID")),
			Map.entry("status", List.of("Financial Status", "Order Status", "Status", "订单状态")),
			Map.entry("currency", List.of("Order Currency", "币种")),
			Map.entry("refundedAmount", List.of("Refunded Amount", "Order Refund Amount", "Total Refunded", "退款金额")),
			Map.entry("refundedAt", List.of("Refunded at", "Refund Date", "退款时间")),
			Map.entry("couponCode", List.of("Discount Code", "Coupon Code", "Coupon", "优惠券")),
			// Shopify's is the order's, on its first row, as the import reads an order's discount.
			Map.entry("discount", List.of("Discount Amount")),
			Map.entry("storeId", List.of("Location", "Store", "Store ID", "门店", "门店编号")),
			Map.entry("category", List.of("Product Category", "product_category_name", "类目", "商品类目")),
			Map.entry("salesAssociate", List.of("Staff", "Sales Associate", "导购", "导购员")),
			Map.entry("originalOrderNumber", List.of("Original Order", "Original Order Number", "原订单号"))),
			Map.of(),
			Map.of("orderNumber", List.of(new Beside("Name", List.of("Lineitem quantity", "Lineitem sku", "Lineitem name")))));

	static final UsualColumns INTERACTIONS = new UsualColumns(Map.ofEntries(
			Map.entry("eventId", List.of("Event ID")),
			Map.entry("occurredAt", List.of("timestamp", "event_time", "Event Time", "Time", "Date", "datetime", "时间")),
			Map.entry("type", List.of("event", "event_type", "Action", "behavior_type", "行为类型")),
			Map.entry("memberExternalId", List.of("user_id", "Customer ID")),
			Map.entry("memberEmail", List.of("Email")),
			Map.entry("memberPhone", List.of("Phone", "手机号")),
			Map.entry("sku", List.of("itemid", "item_id", "product_id")),
			Map.entry("campaignId", List.of("Campaign", "Campaign ID"))));

	/**
	 * Fields a column of their own name does not suggest: Superstore's {@code Discount} is a rate (0.2 for 20%), read as
	 * an amount it would take 0.20 off the order; the names listed for the field are the amounts.
	 */
	private static final Set<String> NOT_BY_OWN_NAME = Set.of("discount");

	private final Map<String, List<String>> namesByField;

	/** Columns that give a field together, as exports split a name; tried when no one column gives it. */
	private final Map<String, List<Split>> splitsByField;

	/** Names that give a field only beside columns that tell the export apart. */
	private final Map<String, List<Beside>> besideByField;

	/**
	 * A field written across columns, joined with the separator: Shopify's and Klaviyo's {@code First Name} and
	 * {@code Last Name} with a space, Chinese exports' {@code 姓} and {@code 名} with nothing between them.
	 */
	public record Split(List<String> columns, String separator) {
	}

	/** A name that gives the field only in a file that also has one of the {@code besides} columns. */
	record Beside(String name, List<String> besides) {
	}

	private UsualColumns(Map<String, List<String>> namesByField) {
		this(namesByField, Map.of());
	}

	private UsualColumns(Map<String, List<String>> namesByField, Map<String, List<Split>> splitsByField) {
		this(namesByField, splitsByField, Map.of());
	}

	private UsualColumns(Map<String, List<String>> namesByField, Map<String, List<Split>> splitsByField,
			Map<String, List<Beside>> besideByField) {
		this.namesByField = namesByField;
		this.splitsByField = splitsByField;
		this.besideByField = besideByField;
	}

	/**
	 * The columns that look like each field written across several, for the fields without a suggestion of one
	 * column ({@code likely}) and not mapped; only columns no other field reads or is suggested.
	 */
	Map<String, Split> likelySplit(Collection<String> columns, Set<String> mapped, Map<String, String> likely,
			Collection<String> taken) {
		Map<String, String> byPlainName = new LinkedHashMap<>();
		columns.forEach(column -> byPlainName.putIfAbsent(plain(column), column));
		Set<String> used = new HashSet<>(taken);
		used.addAll(likely.values());
		Map<String, Split> split = new LinkedHashMap<>();
		splitsByField.forEach((field, splits) -> {
			if (mapped.contains(field) || likely.containsKey(field)) {
				return;
			}
			for (Split candidate : splits) {
				List<String> found = candidate.columns().stream().map(name -> byPlainName.get(plain(name))).toList();
				if (found.stream().allMatch(column -> column != null && !used.contains(column))) {
					split.put(field, new Split(found, candidate.separator()));
					return;
				}
			}
		});
		return split;
	}

	/**
	 * The column each field looks like, for the fields not mapped yet: first a column of the field's own name (case,
	 * spaces, dashes and underscores aside), then one of the names exports give it, in the order listed, then a name
	 * that gives it beside the columns the file has. A column goes to one field at most, and never to a second field
	 * once the mapping reads it.
	 *
	 * @param fields every field of the import, in its order
	 * @param columns the file's columns
	 * @param mapped the fields the mapping gives already (none of them gets a suggestion)
	 * @param taken the columns the mapping reads already
	 */
	Map<String, String> likely(Collection<String> fields, Collection<String> columns, Set<String> mapped,
			Collection<String> taken) {
		Map<String, String> byPlainName = new LinkedHashMap<>();
		columns.forEach(column -> byPlainName.putIfAbsent(plain(column), column));
		Set<String> used = new HashSet<>(taken);
		Map<String, String> likely = new LinkedHashMap<>();
		for (String field : fields) {
			if (!NOT_BY_OWN_NAME.contains(field)) {
				suggest(field, List.of(field), byPlainName, mapped, used, likely);
			}
		}
		for (String field : fields) {
			suggest(field, namesByField.getOrDefault(field, List.of()), byPlainName, mapped, used, likely);
		}
		for (String field : fields) {
			for (Beside beside : besideByField.getOrDefault(field, List.of())) {
				if (beside.besides().stream().anyMatch(name -> byPlainName.containsKey(plain(name)))) {
					suggest(field, List.of(beside.name()), byPlainName, mapped, used, likely);
				}
			}
		}
		return likely;
	}

	private static void suggest(String field, List<String> names, Map<String, String> byPlainName, Set<String> mapped,
			Set<String> used, Map<String, String> likely) {
		if (mapped.contains(field) || likely.containsKey(field)) {
			return;
		}
		for (String name : names) {
			String column = byPlainName.get(plain(name));
			if (column != null && used.add(column)) {
				likely.put(field, column);
				return;
			}
		}
	}

	static String plain(String name) {
		return name.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
	}

}
