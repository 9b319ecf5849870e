/* kefu-demo-data.c: what the sample shop's customers and agents say.
 *
 * Lotus Tea House (莲心茶舍) is the fictional shop of the robot's knowledge
 * base: tea, teaware and gift boxes from Hangzhou, shipped by SF Express in
 * mainland China and by EMS or DHL abroad. The text is written to read like
 * real support mail, with order numbers, amounts and dates filled in, so
 * that search and the robot have something to find.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-demo-private.h"

static const DemoTopic topics_en[] = {
  { "refund",
    { "Refund for order {order}", "Still waiting for my refund", "Refund request: {product}", NULL },
    { "Hi,\n\nI sent back the {product} from order {order} on {date}, but I haven't received my refund of {amount} yet. Could you check where it is?\n\nThanks,\n{name}",
      "Hello,\n\nI'd like a refund for order {order}. The {product} is not what I expected: most of the leaves are broken and it tastes stale. How do I send it back?\n\nBest,\n{name}",
      NULL },
    { "Hi {first},\n\nthank you for writing. The return for order {order} arrived at our Hangzhou warehouse and the refund of {amount} went out today. Depending on your bank it takes 3 to 5 working days to show up.\n\nBest regards,\n{agent}\nLotus Tea House",
      "Hi {first},\n\nI'm sorry the {product} disappointed you. You don't need to send it back: I have refunded {amount} to your original payment method. Please allow a few working days for the refund to appear.\n\nKind regards,\n{agent}\nLotus Tea House",
      NULL },
    { "It has been a week and the refund still isn't on my statement. Can you send me a confirmation?",
      "Could the refund go to my Alipay account instead of the card?",
      NULL } },
  { "shipping",
    { "Shipping cost to {city}", "Why was I charged for shipping?", "Free shipping threshold?", NULL },
    { "Hi there,\n\nhow much is shipping to {city}? I'd like to order {qty} tins of {product}. Is there free shipping over a certain amount?\n\n{name}",
      "Hello,\n\nI was charged shipping on order {order} ({amount}) although your website says shipping is free. Can you explain?\n\nRegards,\n{name}",
      NULL },
    { "Hi {first},\n\nshipping within mainland China is free for orders over ¥199; below that SF Express costs ¥12. Abroad we ship by EMS from ¥98 for the first kilogram, and DHL is available at checkout.\n\nBest,\n{agent}\nLotus Tea House",
      "Hi {first},\n\nyou're right: the free shipping should have applied to order {order}. I have refunded the shipping fee to your card, sorry for the trouble.\n\n{agent}\nLotus Tea House",
      NULL },
    { "Thanks. And how long does it take to {city}?", "Is the shipping cheaper if I order two boxes at once?", NULL } },
  { "order-status",
    { "Where is my order {order}?", "Order {order} still says processing", "Has my order shipped yet?", NULL },
    { "Hello,\n\nI placed order {order} on {date} and it still says 'processing'. Has it been sent out yet? I need it before the weekend.\n\n{name}",
      "Hi,\n\nwhen will you ship my order {order}? I paid {amount} three days ago and haven't had a shipping email.\n\nThanks,\n{name}",
      NULL },
    { "Hi {first},\n\nyour order {order} left our warehouse this morning with SF Express, tracking number {tracking}. You should have it within 2 to 3 days.\n\nBest regards,\n{agent}\nLotus Tea House",
      "Hi {first},\n\nsorry for the wait. The {product} in your order was out of stock for a day; it is packed now and ships today. I'll send you the tracking number as soon as it leaves.\n\n{agent}\nLotus Tea House",
      NULL },
    { "Got it, thank you. Could you tell me which courier delivers in {city}?", "The tracking still shows nothing, is that normal?", NULL } },
  { "tracking",
    { "Tracking number {tracking} not working", "Parcel hasn't moved for 5 days", NULL },
    { "Hi,\n\nthe tracking number {tracking} you sent for order {order} shows no information on the SF site. Is it correct?\n\n{name}",
      "Hello,\n\nmy parcel {tracking} has been stuck in {city} for five days now. Can you chase the courier?\n\nThanks,\n{name}",
      NULL },
    { "Hi {first},\n\na new tracking number can take up to 24 hours to show updates. I checked {tracking} with SF Express and it was scanned this morning, so it is on its way.\n\n{agent}\nLotus Tea House",
      "Hi {first},\n\nI've opened an enquiry with the courier for {tracking}. If the parcel doesn't move within two days we'll send a replacement at our cost.\n\nKind regards,\n{agent}\nLotus Tea House",
      NULL },
    { "It's moving again, it says out for delivery.", "Still stuck. Can you send the replacement please?", NULL } },
  { "invoice",
    { "Invoice for order {order}", "VAT receipt needed", "Company invoice request", NULL },
    { "Hello,\n\ncould you send me an invoice for order {order} ({amount})? I need it for my company's expenses.\nCompany: {company}\n\nThank you,\n{name}",
      "Hi,\n\nour accounts department needs a proper receipt with our company name for the gift boxes we ordered ({order}). Can you issue one?\n\n{name}\n{company}",
      NULL },
    { "Hi {first},\n\nplease find the invoice for order {order} attached. Let me know if the company details need to change.\n\nBest,\n{agent}\nLotus Tea House",
      "Hi {first},\n\nof course. I've issued the invoice for {amount} to {company} and attached it here.\n\n{agent}\nLotus Tea House",
      NULL },
    { "Thanks! Could you add our tax number to it as well?", "The amount on the invoice should include shipping, can you fix that?", NULL } },
  { "tea-question",
    { "How to brew {product}?", "Question about {product}", "Water temperature for green tea", NULL },
    { "Hi,\n\nI just received the {product}. What water temperature and how many grams should I use in a 150 ml gaiwan? My first cup was quite bitter.\n\n{name}",
      "Hello,\n\nis the {product} this year's harvest? And how long does it keep once the tin is opened?\n\nCheers,\n{name}",
      NULL },
    { "Hi {first},\n\nfor {product} we suggest 3 g per 150 ml with water at about 85 °C; the first infusion only needs 30 to 40 seconds. Bitterness usually means the water was too hot or the tea steeped too long.\n\nEnjoy,\n{agent}\nLotus Tea House",
      "Hi {first},\n\nyes, the {product} is from this spring. Once opened, keep it airtight, away from light and smells; green teas are best within 3 months, oolongs and black teas keep for a year.\n\n{agent}\nLotus Tea House",
      NULL },
    { "Much better at 85 degrees, thank you! Can I re-steep the leaves?", "Should I keep it in the fridge?", NULL } },
  { "gift-box",
    { "Gift boxes for our clients", "Mid-Autumn gift box order", "Gift wrapping for order {order}", NULL },
    { "Hello,\n\nwe'd like to send {qty} gift boxes of {product} to clients in {city} before the holidays. Can you add a handwritten card to each and ship them to different addresses?\n\n{name}\n{company}",
      "Hi,\n\ncan order {order} be gift-wrapped? It's a birthday present for my mother and I'd like a card saying 'Happy birthday, Mum'.\n\nThanks,\n{name}",
      NULL },
    { "Hi {first},\n\nwe'd be glad to. Cards are free and we can ship to each address separately; please send us the list of addresses as a spreadsheet. For {qty} boxes we can offer 10% off.\n\nBest regards,\n{agent}\nLotus Tea House",
      "Hi {first},\n\ndone: order {order} will be wrapped in our lotus paper with your card. Gift wrapping is free.\n\n{agent}\nLotus Tea House",
      NULL },
    { "Great, I've attached the list of addresses.", "Could the boxes arrive before the 20th?", NULL } },
  { "damaged",
    { "Teapot arrived broken", "Damaged item in order {order}", "Cracked {teaware}", NULL },
    { "Hi,\n\nthe {teaware} in order {order} arrived cracked; the box was crushed on one side. I've attached a photo. What can you do?\n\n{name}",
      "Hello,\n\none of the cups in my {teaware} set is chipped. Order {order}. Photo attached.\n\nRegards,\n{name}",
      NULL },
    { "Hi {first},\n\nI'm very sorry about that. We'll send a new {teaware} today at no cost and you don't need to return the broken one. The new tracking number will follow.\n\n{agent}\nLotus Tea House",
      "Hi {first},\n\nthank you for the photo. I can either send a replacement or refund {amount}; which would you prefer?\n\n{agent}\nLotus Tea House",
      NULL },
    { "A replacement please. Could you pack it better this time?", "I'd prefer the refund, thank you.", NULL } },
  { "wholesale",
    { "Wholesale prices for our café", "Bulk order enquiry", NULL },
    { "Hello,\n\nI run a small café in {city} and we'd like to serve your {product}. Do you have wholesale prices for 5 kg or more a month?\n\n{name}\n{company}",
      "Hi,\n\nwe are a tea shop in {city} looking for a supplier of {product}. Could you send your wholesale price list and minimum order?\n\nBest,\n{name}\n{company}",
      NULL },
    { "Hi {first},\n\nthank you for your interest. For cafés we offer 20% off from 2 kg a month and 30% from 5 kg, with free samples before the first order. I've attached our price list.\n\nBest regards,\n{agent}\nLotus Tea House",
      NULL },
    { "Could you send samples of {product} and the Keemun?", "What are the payment terms for businesses?", NULL } },
  { "change-address",
    { "Change delivery address for {order}", "Wrong address on my order", NULL },
    { "Hi,\n\nI just noticed the delivery address on order {order} is my old one. Can you change it to my office in {city}? I'll send the full address.\n\n{name}",
      NULL },
    { "Hi {first},\n\nthe order hasn't shipped yet, so we can change the address. Please reply with the full new address and a phone number for the courier.\n\n{agent}\nLotus Tea House",
      NULL },
    { "Here is the new address, thank you!", NULL } },
  { "cancel-order",
    { "Please cancel order {order}", "Cancel my order", NULL },
    { "Hello,\n\nplease cancel order {order}; I ordered the wrong size of {product} by mistake.\n\n{name}",
      NULL },
    { "Hi {first},\n\norder {order} is cancelled and the {amount} will be refunded to your original payment method within 3 working days.\n\n{agent}\nLotus Tea House",
      NULL },
    { "Thanks. Can I still use the coupon on a new order?", NULL } },
  { "coupon",
    { "Coupon code {coupon} not working", "Discount not applied", NULL },
    { "Hi,\n\nthe coupon code {coupon} from your newsletter says 'invalid' at checkout. My cart is {amount}.\n\n{name}",
      NULL },
    { "Hi {first},\n\n{coupon} applies to orders over ¥300 and not to gift boxes already on sale, which is why it was refused. I've sent you a new code that works on your cart.\n\n{agent}\nLotus Tea House",
      NULL },
    { "The new code worked, thanks!", NULL } },
  { "international",
    { "Do you ship to {city}?", "Customs fee for my parcel", "Import tax on order {order}", NULL },
    { "Hi,\n\ndo you ship to {city}? How long does it take and will I have to pay customs duties on {qty} tins of {product}?\n\n{name}",
      "Hello,\n\nthe courier is asking me to pay a customs fee before delivering order {order}. Was this not included?\n\n{name}",
      NULL },
    { "Hi {first},\n\nyes, we ship to {city} by EMS (7 to 15 days) or DHL (3 to 5 days). Duties and import taxes are set by your country and paid on delivery; small parcels are often exempt.\n\nBest,\n{agent}\nLotus Tea House",
      "Hi {first},\n\nimport duties are charged by customs in your country, so we can't include them at checkout. As a gesture we've refunded the shipping cost of order {order}.\n\n{agent}\nLotus Tea House",
      NULL },
    { "OK, I'll go with DHL then.", "Thanks, I've paid the fee and the parcel arrived.", NULL } },
};

static const char *const customer_followups_en[] = {
  "Thanks for the quick answer. One more thing: is the {product} available in a smaller size?",
  "Sorry, I forgot to say: the order number is {order}.",
  "Any news on this? I haven't heard back.",
  "I'm travelling next week, could you use my phone number for the courier?",
  "OK, that makes sense.",
  "Could you confirm by email, please?",
  NULL
};

static const char *const agent_followups_en[] = {
  "Hi {first},\n\nthanks for your patience. I've checked with our warehouse and will update you tomorrow at the latest.\n\n{agent}\nLotus Tea House",
  "Hi {first},\n\nyes, that's no problem. I've noted it on your order {order}.\n\n{agent}",
  "Hi {first},\n\nthe {product} also comes in a 50 g tin, which is a nice way to try it.\n\n{agent}",
  "Hi {first},\n\njust following up: did everything arrive as expected?\n\n{agent}\nLotus Tea House",
  NULL
};

static const char *const customer_thanks_en[] = {
  "Perfect, thank you so much!",
  "That's great, thanks for your help.",
  "Received, all good. Thank you!",
  "Thanks, much appreciated.",
  NULL
};

static const char *const agent_closings_en[] = {
  "You're welcome, {first}! Enjoy your tea.\n\n{agent}\nLotus Tea House",
  "Glad we could help. I'll close this request now; just reply if anything comes up.\n\n{agent}",
  NULL
};

static const char *const notes_en[] = {
  "Checked the warehouse log: parcel was handed to SF on {date}.",
  "Customer is a repeat buyer, offer the 10% loyalty discount next time.",
  "Refund of {amount} approved by Fang.",
  "Waiting on DHL for the customs paperwork.",
  NULL
};

static const char *const products_en[] = {
  "West Lake Longjing (pre-Qingming, 250 g)", "Anji White Tea", "Da Hong Pao rock oolong",
  "ripe Pu-erh cake (357 g)", "Keemun black tea", "Silver Needle white tea",
  "Phoenix Dancong oolong", "Jasmine Pearls", "Tieguanyin", "Longjing gift tin", NULL
};

static const char *const teaware_en[] = {
  "Ru kiln gaiwan", "Yixing clay teapot", "glass fairness pitcher", "celadon cup set",
  "travel tea set", "bamboo tea tray", NULL
};

static const char *const cities_en[] = {
  "Vancouver", "London", "Sydney", "Singapore", "San Francisco", "Berlin", "Toronto",
  "Melbourne", "New York", "Shanghai", "Beijing", "Shenzhen", NULL
};

static const char *const companies_en[] = {
  "Blue Heron Café", "Leaf & Kettle Ltd", "Northwind Trading", "Harbour Yoga Studio",
  "Maple Street Books", "Quiet Hours Tea Room", "Brightwater Consulting", NULL
};

static const DemoTopic topics_hans[] = {
  { "refund",
    { "订单{order}退款", "退款什么时候到账？", "申请退款：{product}", NULL },
    { "你好，\n\n我{date}把订单{order}里的{product}寄回去了，到现在还没收到{amount}的退款，麻烦帮我查一下。\n\n{name}",
      "您好，我要申请退款，订单号{order}。收到的{product}碎茶很多，味道也不新鲜，怎么退货？\n\n{name}",
      NULL },
    { "{name}您好，\n\n您的退货已经到杭州仓库，{amount}的退款今天已经原路退回，一般3到5个工作日到账，请留意。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n很抱歉{product}让您失望了。这次不用寄回，我们已经直接为您退款{amount}，请注意查收。\n\n莲心茶舍 {agent}",
      NULL },
    { "已经一个星期了，退款还是没有到账，能发个退款凭证给我吗？", "退款可以退到支付宝吗？", NULL } },
  { "shipping",
    { "寄到{city}运费多少？", "为什么收了运费？", "满多少包邮？", NULL },
    { "你好，想买{qty}罐{product}寄到{city}，运费多少钱？满多少包邮？\n\n{name}",
      "您好，订单{order}（{amount}）被收了运费，但是网站上写的是包邮，这是怎么回事？\n\n{name}",
      NULL },
    { "{name}您好，\n\n中国大陆满199元包邮，不满199元顺丰运费12元。寄往海外用EMS，首重1公斤98元起，下单时也可以选DHL。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n您说得对，订单{order}应该包邮，多收的运费已经退回，给您添麻烦了。\n\n莲心茶舍 {agent}",
      NULL },
    { "好的，谢谢。那寄到{city}要几天？", "一次买两盒运费会便宜一些吗？", NULL } },
  { "order-status",
    { "订单{order}怎么还没发货", "我的订单发货了吗？", "订单一直显示待发货", NULL },
    { "亲，我{date}拍的订单{order}怎么还没发货呀？周末前要用。\n\n{name}",
      "你好，订单{order}已经付款{amount}三天了，一直没收到发货通知，麻烦看一下。\n\n{name}",
      NULL },
    { "{name}您好，\n\n您的订单{order}今天上午已经顺丰发出，运单号{tracking}，预计2到3天送达。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n抱歉让您久等了。订单里的{product}缺货了一天，现在已经打包好，今天发出，发货后把单号发给您。\n\n莲心茶舍 {agent}",
      NULL },
    { "收到，谢谢！{city}是哪家快递派送？", "物流信息还是查不到，正常吗？", NULL } },
  { "tracking",
    { "运单号{tracking}查不到", "快递5天没更新了", NULL },
    { "你好，订单{order}的运单号{tracking}在顺丰官网查不到任何信息，单号对吗？\n\n{name}",
      "您好，我的快递{tracking}在{city}停了五天了，能帮忙催一下吗？\n\n{name}",
      NULL },
    { "{name}您好，\n\n新单号最长需要24小时才有物流信息。我查了{tracking}，今天上午已经揽收，正在运输途中。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n已经帮您向快递公司催查{tracking}，如果两天内还没有动静，我们免费给您补发。\n\n莲心茶舍 {agent}",
      NULL },
    { "动了，显示正在派送。", "还是没动，麻烦补发吧。", NULL } },
  { "invoice",
    { "订单{order}开发票", "需要开增值税发票", "公司抬头发票", NULL },
    { "你好，订单{order}（{amount}）可以开发票吗？公司报销要用。\n抬头：{company}\n\n{name}",
      "您好，我们公司订的礼盒（订单{order}）需要开增值税普通发票，抬头{company}，税号稍后发给您。\n\n{name}",
      NULL },
    { "{name}您好，\n\n订单{order}的电子发票已经开好，见附件。如果抬头或税号需要修改请告诉我。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n可以的，{amount}的发票已经开给{company}，电子版见附件。\n\n莲心茶舍 {agent}",
      NULL },
    { "谢谢！能把税号也加上吗？", "发票金额要含运费，麻烦重开一下。", NULL } },
  { "tea-question",
    { "{product}怎么泡？", "关于{product}的问题", "绿茶用多少度的水？", NULL },
    { "你好，刚收到{product}，用150毫升的盖碗应该放几克茶、水温多少？第一泡有点苦。\n\n{name}",
      "请问{product}是今年的新茶吗？开封以后能放多久？\n\n{name}",
      NULL },
    { "{name}您好，\n\n{product}建议150毫升放3克，水温85度左右，第一泡30到40秒出汤就好。发苦一般是水太烫或者泡太久了。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n是今年春天的新茶。开封后请密封避光、远离异味保存，绿茶最好3个月内喝完，乌龙和红茶可以放一年。\n\n莲心茶舍 {agent}",
      NULL },
    { "85度泡好多了，谢谢！可以续泡几次？", "需要放冰箱吗？", NULL } },
  { "gift-box",
    { "公司客户礼盒定制", "中秋礼盒下单", "订单{order}礼品包装", NULL },
    { "您好，我们想在节前给{city}的客户寄{qty}盒{product}礼盒，每盒能附一张手写贺卡吗？可以分别寄到不同地址吗？\n\n{name}\n{company}",
      "你好，订单{order}可以做礼品包装吗？是送给妈妈的生日礼物，卡片上写“妈妈生日快乐”。\n\n{name}",
      NULL },
    { "{name}您好，\n\n没问题，贺卡免费，也可以分地址寄送，请把地址整理成表格发给我们。{qty}盒可以给您打九折。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n已经安排好了，订单{order}会用莲花纸包装并附上您的贺卡，礼品包装免费。\n\n莲心茶舍 {agent}",
      NULL },
    { "好的，地址表格发在附件里了。", "能在20号之前送到吗？", NULL } },
  { "damaged",
    { "收到的茶壶碎了", "订单{order}商品破损", "{teaware}裂了", NULL },
    { "你好，订单{order}里的{teaware}收到时已经裂了，外箱一侧被压扁，照片在附件里，怎么处理？\n\n{name}",
      "您好，{teaware}里有一个杯子磕掉了一块，订单号{order}，附照片。\n\n{name}",
      NULL },
    { "{name}您好，\n\n非常抱歉！我们今天就给您免费补发一个新的{teaware}，破损的不用寄回，新单号稍后发给您。\n\n莲心茶舍 {agent}",
      "{name}您好，\n\n谢谢您的照片。可以给您补发，也可以退款{amount}，您看哪种方式更方便？\n\n莲心茶舍 {agent}",
      NULL },
    { "补发吧，这次麻烦包装结实一点。", "退款吧，谢谢。", NULL } },
  { "wholesale",
    { "茶馆批发价咨询", "大批量采购", NULL },
    { "您好，我在{city}开了一家小茶馆，想长期采购{product}，每月5公斤以上有批发价吗？\n\n{name}\n{company}",
      NULL },
    { "{name}您好，\n\n感谢关注！茶馆客户每月2公斤以上八折，5公斤以上七折，首单前可以免费寄样品。价目表见附件。\n\n莲心茶舍 {agent}",
      NULL },
    { "可以寄一下{product}和祁门红茶的样品吗？", "企业客户可以月结吗？", NULL } },
  { "change-address",
    { "修改订单{order}收货地址", "地址填错了", NULL },
    { "你好，订单{order}的收货地址填成旧地址了，能改成我在{city}的公司地址吗？\n\n{name}",
      NULL },
    { "{name}您好，\n\n订单还没有发出，可以修改。请回复完整的新地址和收件人电话。\n\n莲心茶舍 {agent}",
      NULL },
    { "新地址发给您了，谢谢！", NULL } },
  { "cancel-order",
    { "取消订单{order}", "我要取消订单", NULL },
    { "你好，麻烦取消订单{order}，{product}的规格拍错了。\n\n{name}",
      NULL },
    { "{name}您好，\n\n订单{order}已取消，{amount}会在3个工作日内原路退回。\n\n莲心茶舍 {agent}",
      NULL },
    { "好的，优惠券还能再用吗？", NULL } },
  { "coupon",
    { "优惠券{coupon}用不了", "优惠没有生效", NULL },
    { "你好，公众号发的优惠券{coupon}结算时提示无效，购物车一共{amount}。\n\n{name}",
      NULL },
    { "{name}您好，\n\n{coupon}需要满300元使用，而且不能和特价礼盒同享，所以没有生效。已经给您发了一张新的券，可以直接用。\n\n莲心茶舍 {agent}",
      NULL },
    { "新的券可以用了，谢谢！", NULL } },
  { "membership",
    { "会员积分怎么用？", "积分没有到账", NULL },
    { "你好，我的会员积分在哪里看？订单{order}的积分好像没加上。\n\n{name}",
      NULL },
    { "{name}您好，\n\n积分在“我的”-“会员中心”里查看，确认收货后7天到账，100积分抵1元。订单{order}的积分已经帮您补上了。\n\n莲心茶舍 {agent}",
      NULL },
    { "看到了，谢谢。", NULL } },
};

static const char *const customer_followups_hans[] = {
  "谢谢回复！还想问一下，{product}有小罐装的吗？",
  "不好意思忘了说，订单号是{order}。",
  "请问有进展了吗？一直没收到回复。",
  "我下周出差，快递可以打我手机吗？",
  "好的，明白了。",
  "麻烦再发邮件确认一下。",
  NULL
};

static const char *const agent_followups_hans[] = {
  "{name}您好，\n\n感谢耐心等待，已经和仓库核实，最晚明天给您回复。\n\n莲心茶舍 {agent}",
  "{name}您好，\n\n没问题，已经在订单{order}上备注了。\n\n莲心茶舍 {agent}",
  "{name}您好，\n\n{product}也有50克的小罐装，适合先尝一尝。\n\n{agent}",
  "{name}您好，想跟进一下，东西都收到了吗？\n\n莲心茶舍 {agent}",
  NULL
};

static const char *const customer_thanks_hans[] = {
  "好的，太感谢了！",
  "收到了，没问题，谢谢！",
  "谢谢，服务很好。",
  "麻烦了，谢谢亲。",
  NULL
};

static const char *const agent_closings_hans[] = {
  "不客气，祝您喝茶愉快！\n\n莲心茶舍 {agent}",
  "很高兴能帮到您，这个问题先关闭了，有其他需要随时联系我们。\n\n{agent}",
  NULL
};

static const char *const notes_hans[] = {
  "查了仓库记录，{date}已经交给顺丰。",
  "老客户，下次可以给九折会员价。",
  "退款{amount}已由王芳审批。",
  "等DHL的报关材料。",
  "客户要求开专票，跟财务确认一下。",
  NULL
};

static const char *const products_hans[] = {
  "西湖龙井（明前特级，250克）", "安吉白茶", "武夷岩茶大红袍", "云南普洱熟茶饼（357克）",
  "祁门红茶", "白毫银针", "凤凰单丛", "茉莉龙珠", "安溪铁观音", "龙井礼盒", NULL
};

static const char *const teaware_hans[] = {
  "汝窑盖碗", "宜兴紫砂壶", "玻璃公道杯", "青瓷茶杯套装", "旅行茶具", "竹制茶盘", NULL
};

static const char *const cities_hans[] = {
  "成都", "广州", "苏州", "北京", "上海", "深圳", "南京", "武汉", "西安", "厦门", "重庆", "杭州", NULL
};

static const char *const companies_hans[] = {
  "杭州云栖科技有限公司", "上海青禾文化传播有限公司", "成都半山茶馆", "北京知行咨询有限公司",
  "苏州素心瑜伽馆", "广州南风贸易有限公司", "深圳拾光设计工作室", NULL
};

static const DemoTopic topics_hant[] = {
  { "refund",
    { "訂單{order}退款", "退款需要多久？", NULL },
    { "您好，我{date}把訂單{order}的{product}寄回了，到現在還沒收到{amount}的退款，麻煩幫我查一下。\n\n{name}",
      NULL },
    { "{name}您好，\n\n您的退貨已經到杭州倉庫，{amount}的退款今天已原路退回，信用卡一般5到7個工作天入帳。\n\n蓮心茶舍 {agent}",
      NULL },
    { "好的，請問可以退到PayMe嗎？", NULL } },
  { "shipping",
    { "寄到{city}的運費", "運費怎麼算？", NULL },
    { "您好，想訂{qty}罐{product}寄到{city}，運費多少？大概幾天會到？\n\n{name}",
      NULL },
    { "{name}您好，\n\n寄往港澳台用順豐國際，首重1公斤68元，一般3到5天送達；滿599元免運費。\n\n蓮心茶舍 {agent}",
      NULL },
    { "了解，那我湊到599再下單。", NULL } },
  { "international",
    { "可以寄到{city}嗎？", "需要付關稅嗎？", NULL },
    { "請問可以寄到{city}嗎？{qty}罐{product}需要付關稅嗎？\n\n{name}",
      "您好，快遞通知我訂單{order}要先付關稅才能派送，這是正常的嗎？\n\n{name}",
      NULL },
    { "{name}您好，\n\n可以寄到{city}。關稅由當地海關收取，小量自用通常免稅，超過免稅額時由收件人支付。\n\n蓮心茶舍 {agent}",
      NULL },
    { "明白了，謝謝。", NULL } },
  { "damaged",
    { "收到的商品破損了", "{teaware}破了", NULL },
    { "您好，訂單{order}的{teaware}收到時已經破損，照片在附件，請問怎麼處理？\n\n{name}",
      NULL },
    { "{name}您好，\n\n非常抱歉！我們今天會免費補寄一個新的{teaware}給您，破損的不用寄回。\n\n蓮心茶舍 {agent}",
      NULL },
    { "好的，麻煩這次包裝穩固一點。", NULL } },
  { "gift-box",
    { "禮盒包裝", "訂單{order}可以包裝成禮物嗎？", NULL },
    { "您好，訂單{order}可以包裝成禮物嗎？要送給長輩，想附一張卡片。\n\n{name}",
      "想訂{qty}盒{product}禮盒送客戶，可以分別寄到不同地址嗎？\n\n{name}\n{company}",
      NULL },
    { "{name}您好，\n\n可以的，禮品包裝和卡片都免費，訂單{order}已經幫您備註。\n\n蓮心茶舍 {agent}",
      NULL },
    { "太好了，謝謝！", NULL } },
  { "order-status",
    { "訂單{order}出貨了嗎？", "訂單一直顯示處理中", NULL },
    { "您好，我{date}下的訂單{order}還沒有出貨嗎？\n\n{name}",
      NULL },
    { "{name}您好，\n\n訂單{order}今天已經寄出，追蹤號碼{tracking}，大約3到5天送達。\n\n蓮心茶舍 {agent}",
      NULL },
    { "追蹤號碼查不到資料，正常嗎？", NULL } },
  { "tea-question",
    { "{product}要怎麼沖泡？", "請問{product}的保存方法", NULL },
    { "您好，剛收到{product}，請問用150毫升的蓋碗要放幾克、水溫多少？\n\n{name}",
      NULL },
    { "{name}您好，\n\n{product}建議150毫升放3克，水溫85度左右，第一泡30到40秒即可。\n\n蓮心茶舍 {agent}",
      NULL },
    { "試了一下好喝多了，謝謝！", NULL } },
  { "return",
    { "可以退貨嗎？", "退貨流程", NULL },
    { "您好，訂單{order}的{product}還沒拆封，請問可以退貨嗎？\n\n{name}",
      NULL },
    { "{name}您好，\n\n未拆封商品收貨後7天內都可以退貨，請把商品寄回杭州倉庫，收到後3個工作天內退款{amount}。\n\n蓮心茶舍 {agent}",
      NULL },
    { "已經寄回了，單號稍後提供。", NULL } },
};

static const char *const customer_followups_hant[] = {
  "謝謝回覆！請問{product}有小罐裝嗎？",
  "不好意思，訂單號碼是{order}。",
  "請問有進度了嗎？",
  "好的，了解。",
  NULL
};

static const char *const agent_followups_hant[] = {
  "{name}您好，\n\n感謝耐心等候，已經和倉庫確認，最晚明天回覆您。\n\n蓮心茶舍 {agent}",
  "{name}您好，\n\n沒問題，已經在訂單{order}上備註了。\n\n{agent}",
  NULL
};

static const char *const customer_thanks_hant[] = {
  "收到了，非常感謝！",
  "好的，謝謝您的幫忙。",
  "沒問題了，謝謝！",
  NULL
};

static const char *const agent_closings_hant[] = {
  "不客氣，祝您品茶愉快！\n\n蓮心茶舍 {agent}",
  "很高興能幫上忙，有其他問題隨時聯絡我們。\n\n{agent}",
  NULL
};

static const char *const products_hant[] = {
  "西湖龍井（明前特級，250克）", "安吉白茶", "武夷岩茶大紅袍", "雲南普洱熟茶餅（357克）",
  "祁門紅茶", "白毫銀針", "鳳凰單叢", "茉莉龍珠", "凍頂烏龍", NULL
};

static const char *const teaware_hant[] = {
  "汝窯蓋碗", "宜興紫砂壺", "玻璃公道杯", "青瓷茶杯組", NULL
};

static const char *const cities_hant[] = {
  "香港", "台北", "台中", "高雄", "九龍", "新竹", "澳門", NULL
};

static const char *const companies_hant[] = {
  "台北晴空設計有限公司", "香港文心貿易有限公司", "九龍半島茶藝館", "新竹光點科技股份有限公司", NULL
};

const DemoLanguage _kefu_demo_languages[DEMO_N_LANGS] = {
  [DEMO_LANG_EN] = {
    topics_en, G_N_ELEMENTS (topics_en),
    customer_followups_en, agent_followups_en, customer_thanks_en, agent_closings_en, notes_en,
    products_en, teaware_en, cities_en, companies_en,
    "Voicemail transcript: %s",
    "Called back. %s",
    "en",
  },
  [DEMO_LANG_HANS] = {
    topics_hans, G_N_ELEMENTS (topics_hans),
    customer_followups_hans, agent_followups_hans, customer_thanks_hans, agent_closings_hans, notes_hans,
    products_hans, teaware_hans, cities_hans, companies_hans,
    "来电留言（语音转写）：%s",
    "已回电。%s",
    "zh-Hans",
  },
  [DEMO_LANG_HANT] = {
    topics_hant, G_N_ELEMENTS (topics_hant),
    customer_followups_hant, agent_followups_hant, customer_thanks_hant, agent_closings_hant, notes_hans,
    products_hant, teaware_hant, cities_hant, companies_hant,
    "來電留言（語音轉寫）：%s",
    "已回電。%s",
    "zh-Hant",
  },
};

const DemoHanName _kefu_demo_surnames[] = {
  { "王", "王", "wang", "wong" }, { "李", "李", "li", "lee" }, { "张", "張", "zhang", "cheung" },
  { "刘", "劉", "liu", "lau" }, { "陈", "陳", "chen", "chan" }, { "杨", "楊", "yang", "yeung" },
  { "黄", "黃", "huang", "wong" }, { "赵", "趙", "zhao", "chiu" }, { "吴", "吳", "wu", "ng" },
  { "周", "周", "zhou", "chow" }, { "徐", "徐", "xu", "tsui" }, { "孙", "孫", "sun", "suen" },
  { "马", "馬", "ma", "ma" }, { "朱", "朱", "zhu", "chu" }, { "胡", "胡", "hu", "wu" },
  { "郭", "郭", "guo", "kwok" }, { "何", "何", "he", "ho" }, { "林", "林", "lin", "lam" },
  { "罗", "羅", "luo", "law" }, { "高", "高", "gao", "ko" }, { "郑", "鄭", "zheng", "cheng" },
  { "梁", "梁", "liang", "leung" }, { "谢", "謝", "xie", "tse" }, { "宋", "宋", "song", "sung" },
  { "唐", "唐", "tang", "tong" }, { "许", "許", "xu", "hui" }, { "邓", "鄧", "deng", "tang" },
  { "冯", "馮", "feng", "fung" }, { "曹", "曹", "cao", "tso" }, { "彭", "彭", "peng", "pang" },
  { "蔡", "蔡", "cai", "choi" }, { "潘", "潘", "pan", "poon" },
};
const guint _kefu_demo_n_surnames = G_N_ELEMENTS (_kefu_demo_surnames);

const DemoHanName _kefu_demo_given_names[] = {
  { "伟", "偉", "wei", "wai" }, { "芳", "芳", "fang", "fong" }, { "娜", "娜", "na", "na" },
  { "敏", "敏", "min", "man" }, { "静", "靜", "jing", "ching" }, { "丽", "麗", "li", "lai" },
  { "强", "強", "qiang", "keung" }, { "磊", "磊", "lei", "lui" }, { "洋", "洋", "yang", "yeung" },
  { "艳", "艷", "yan", "yim" }, { "勇", "勇", "yong", "yung" }, { "军", "軍", "jun", "kwan" },
  { "杰", "傑", "jie", "kit" }, { "娟", "娟", "juan", "kuen" }, { "涛", "濤", "tao", "to" },
  { "明", "明", "ming", "ming" }, { "超", "超", "chao", "chiu" }, { "秀英", "秀英", "xiuying", "sauying" },
  { "霞", "霞", "xia", "ha" }, { "平", "平", "ping", "ping" }, { "刚", "剛", "gang", "kong" },
  { "桂英", "桂英", "guiying", "kwaiying" }, { "子涵", "子涵", "zihan", "tszham" }, { "雨轩", "雨軒", "yuxuan", "yuhin" },
  { "浩然", "浩然", "haoran", "houyin" }, { "欣怡", "欣怡", "xinyi", "yanyi" }, { "思远", "思遠", "siyuan", "sziyuen" },
  { "佳琪", "佳琪", "jiaqi", "kaikei" }, { "志明", "志明", "zhiming", "chiming" }, { "嘉欣", "嘉欣", "jiaxin", "kayan" },
  { "俊杰", "俊傑", "junjie", "chunkit" }, { "美玲", "美玲", "meiling", "meiling" }, { "家豪", "家豪", "jiahao", "kaho" },
  { "文华", "文華", "wenhua", "manwah" }, { "晓东", "曉東", "xiaodong", "hiutung" }, { "婉婷", "婉婷", "wanting", "yuenting" },
};
const guint _kefu_demo_n_given_names = G_N_ELEMENTS (_kefu_demo_given_names);

const char *const _kefu_demo_first_names[] = {
  "James", "Mary", "Oliver", "Emma", "Liam", "Olivia", "Noah", "Ava", "Ethan", "Sophia",
  "Lucas", "Mia", "Henry", "Charlotte", "Jack", "Amelia", "Daniel", "Grace", "Samuel", "Chloe",
  "David", "Hannah", "Thomas", "Isla", "Michael", "Ruby", "Sarah", "Ben", "Laura", "Peter",
  "Anna", "Kevin", "Rachel", "Tom", "Julia", "Mark", "Priya", "Arjun", "Lena", "Marco",
};
const guint _kefu_demo_n_first_names = G_N_ELEMENTS (_kefu_demo_first_names);

const char *const _kefu_demo_last_names[] = {
  "Smith", "Johnson", "Brown", "Taylor", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker",
  "Wright", "Robinson", "Thompson", "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris",
  "Clarke", "Jackson", "Martin", "Lee", "Nguyen", "Patel", "Müller", "Rossi", "García", "O'Brien",
  "Kim", "Anderson", "Moore", "Young", "King", "Scott", "Baker", "Adams", "Campbell", "Mitchell",
};
const guint _kefu_demo_n_last_names = G_N_ELEMENTS (_kefu_demo_last_names);
