/* test-email-parse.c: every awkward message of the mail corpus becomes a readable, safe KefuInbound.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "kefu-email-parse.h"
#include "kefu-test-util.h"

typedef struct
{
  const char *file;
  const char *sender;
  const char *sender_name;    /* NULL: not checked */
  const char *subject;        /* exact */
  const char *text;           /* contained in the text */
  guint       attachments;
  gboolean    html;
  gboolean    automatic;
  gboolean    bounce;
} Expect;

static const Expect corpus[] = {
  { "utf8-plain.eml", "zhang.wei@example.cn", "张伟", "退款申请", "我想申请退款", 0, FALSE, FALSE, FALSE },
  { "gb2312-with-gbk-chars.eml", "li.na@example.cn", "李娜", "发货问题", "朱镕基同志的茶叶订单", 0, FALSE, FALSE, FALSE },
  { "gb18030.eml", "wang@example.cn", NULL, "退货地址", "广州市𠀀路", 0, FALSE, FALSE, FALSE },
  { "big5.eml", "chen@example.tw", NULL, "運費查詢", "請問運費多少？我在台北。", 0, FALSE, FALSE, FALSE },
  { "iso-2022-jp.eml", "tanaka@example.jp", NULL, "注文について", "お茶の注文について質問があります。", 0, FALSE, FALSE, FALSE },
  { "iso-8859-2.eml", "pawel@example.pl", "Paweł Żuk", "Zamówienie", "zamówienie nie dotarło. Łódź.", 0, FALSE, FALSE, FALSE },
  { "windows-1251.eml", "ivan@example.ru", NULL, "Заказ", "Здравствуйте, где мой заказ?", 0, FALSE, FALSE, FALSE },
  { "undeclared-8bit.eml", "renee@example.fr", NULL, NULL, "arrived", 0, FALSE, FALSE, FALSE },
  { "rfc2231-filename.eml", "acct@example.cn", NULL, "Invoice", "See the attached invoice.", 1, FALSE, FALSE, FALSE },
  { "alternative.eml", "anna@example.com", NULL, "Question about green tea", "Plain version: is the Longjing fresh?", 0, TRUE, FALSE, FALSE },
  { "html-only-hostile.eml", "mark@example.com", NULL, "Order problem", "Order problem\n\nThe box was empty.", 0, TRUE, FALSE, FALSE },
  { "inline-image.eml", "lily@example.com", NULL, "Photo of the damage", "Look:", 1, TRUE, FALSE, FALSE },
  { "forwarded.eml", "boss@shop.example", NULL, "Fwd: Original complaint", "The kettle leaks.", 0, FALSE, FALSE, FALSE },
  { "broken-mime.eml", "broken@example.com", NULL, NULL, "Body survives", 1, FALSE, FALSE, FALSE },
  { "no-headers.eml", "unknown@unknown.invalid", NULL, "nobody sent this", "A message with no sender and no id.", 0, FALSE, TRUE, FALSE },
  { "dsn-bounce.eml", "MAILER-DAEMON@mx.example", NULL, "Undelivered Mail Returned to Sender", "could not be delivered", 1, FALSE, TRUE, TRUE },
  { "auto-reply.eml", "holiday@example.com", NULL, "Out of office: Re: your order", "I am away until Monday.", 0, FALSE, TRUE, FALSE },
  { "mailing-list.eml", "news@list.example", NULL, "[tea-lovers] Weekly digest", "This week in tea.", 0, FALSE, TRUE, FALSE },
  { "reply-thread.eml", "zhang.wei@example.cn", "张伟", "Re: [#1] 退款申请", "好的，谢谢。", 0, FALSE, FALSE, FALSE },
  { "huge-headers.eml", "loops@example.com", NULL, "Many hops", "Still a normal body.", 0, FALSE, FALSE, FALSE },
  { "big-attachment.eml", "video@example.com", NULL, "Video of the problem", "The video is attached.", 1, FALSE, FALSE, FALSE },
};

/* Hand-written files live in the source tree, the big ones are generated. */
static char *
corpus_path (const char *file)
{
  const char *generated = g_getenv ("KEFU_MAIL_CORPUS_GENERATED");
  g_autofree char *path = g_build_filename (g_getenv ("KEFU_MAIL_CORPUS"), file, NULL);

  if (!g_file_test (path, G_FILE_TEST_EXISTS) && generated != NULL)
    return g_build_filename (generated, file, NULL);

  return g_steal_pointer (&path);
}

static GBytes *
load (const char *file)
{
  g_autofree char *path = corpus_path (file);
  g_autoptr (GError) error = NULL;
  g_autofree char *data = NULL;
  gsize size;

  g_file_get_contents (path, &data, &size, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (g_steal_pointer (&data), size);
}

static void
test_message (gconstpointer user_data)
{
  const Expect *expect = user_data;
  g_autoptr (GBytes) raw = load (expect->file);
  g_autoptr (KefuEmailParsed) parsed = kefu_email_parse (raw, 7);
  KefuInbound *inbound = parsed->inbound;

  g_test_message ("%s: from %s <%s> subject %s\ntext: %s\nhtml: %s", expect->file,
                  inbound->sender_name, inbound->sender, inbound->subject, inbound->text,
                  inbound->html);

  g_assert_cmpint (inbound->channel, ==, KEFU_CHANNEL_KIND_EMAIL);
  g_assert_cmpint (inbound->account_id, ==, 7);
  g_assert_cmpstr (inbound->sender, ==, expect->sender);
  if (expect->sender_name != NULL)
    g_assert_cmpstr (inbound->sender_name, ==, expect->sender_name);
  if (expect->subject != NULL)
    g_assert_cmpstr (inbound->subject, ==, expect->subject);
  g_assert_true (g_utf8_validate (inbound->subject, -1, NULL));
  g_assert_true (g_utf8_validate (inbound->text, -1, NULL));
  g_assert_nonnull (strstr (inbound->text, expect->text));
  g_assert_nonnull (inbound->external_id);
  g_assert_cmpuint (inbound->attachments->len, ==, expect->attachments);
  g_assert_true ((inbound->html != NULL) == expect->html);
  g_assert_true (parsed->automatic == expect->automatic);
  g_assert_true (parsed->bounce == expect->bounce);
}

static void
test_sanitized_html (void)
{
  g_autoptr (GBytes) raw = load ("html-only-hostile.eml");
  g_autoptr (KefuEmailParsed) parsed = kefu_email_parse (raw, 1);
  const char *html = parsed->inbound->html;
  static const char * const forbidden[] = {
    "<script", "onload", "onclick", "javascript:", "style", "evil.example", "tracker.example",
    "<iframe", "<object", "<form", "<input", "<svg", "<title",
  };

  g_assert_nonnull (html);
  for (guint i = 0; i < G_N_ELEMENTS (forbidden); i++)
    {
      if (strstr (html, forbidden[i]) != NULL)
        g_error ("“%s” survived sanitising: %s", forbidden[i], html);
    }
  g_assert_nonnull (strstr (html, "<h1>Order problem</h1>"));
  g_assert_nonnull (strstr (html, "href=\"https://shop.example/orders/4411\""));
  g_assert_nonnull (strstr (parsed->inbound->text, "• See my order <https://shop.example/orders/4411>"));
  g_assert_nonnull (strstr (parsed->inbound->text, "Thanks,\nMark"));
}

static void
test_inline_image (void)
{
  g_autoptr (GBytes) raw = load ("inline-image.eml");
  g_autoptr (KefuEmailParsed) parsed = kefu_email_parse (raw, 1);
  KefuInboundAttachment *image = g_ptr_array_index (parsed->inbound->attachments, 0);

  g_assert_cmpstr (image->filename, ==, "damage.png");
  g_assert_cmpstr (image->mime_type, ==, "image/png");
  g_assert_cmpstr (image->content_id, ==, "damage@example.com");
  g_assert_cmpuint (g_bytes_get_size (image->data), ==, 70);
  /* The message's own image stays, the remote one (a tracker) goes. */
  g_assert_nonnull (strstr (parsed->inbound->html, "src=\"cid:damage@example.com\""));
  g_assert_null (strstr (parsed->inbound->html, "cdn.example"));
}

static void
test_rfc2231_filename (void)
{
  g_autoptr (GBytes) raw = load ("rfc2231-filename.eml");
  g_autoptr (KefuEmailParsed) parsed = kefu_email_parse (raw, 1);
  KefuInboundAttachment *pdf = g_ptr_array_index (parsed->inbound->attachments, 0);

  g_assert_cmpstr (pdf->filename, ==, "发票第1号.pdf");
  g_assert_cmpstr (pdf->mime_type, ==, "application/pdf");
  g_assert_cmpmem (g_bytes_get_data (pdf->data, NULL), g_bytes_get_size (pdf->data),
                   "%PDF-1.4 fake invoice\n", 22);
}

static void
test_thread_keys (void)
{
  g_autoptr (GBytes) raw = load ("reply-thread.eml");
  g_autoptr (KefuEmailParsed) parsed = kefu_email_parse (raw, 1);

  g_assert_cmpstr (parsed->inbound->external_id, ==, "utf8-2@example.cn");
  g_assert_cmpuint (g_strv_length (parsed->inbound->thread_keys), ==, 2);
  g_assert_cmpstr (parsed->inbound->thread_keys[0], ==, "utf8-1@example.cn");
  g_assert_cmpstr (parsed->inbound->thread_keys[1], ==, "kefu-1@shop.example");
}

static void
test_bounce (void)
{
  g_autoptr (GBytes) raw = load ("dsn-bounce.eml");
  g_autoptr (KefuEmailParsed) parsed = kefu_email_parse (raw, 1);

  g_assert_true (parsed->bounce);
  g_assert_cmpstr (parsed->bounced_message_id, ==, "kefu-reply-12@shop.example");
  g_assert_cmpstr (parsed->bounce_reason, ==,
                   "550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown");
}

static void
test_no_message_id_is_stable (void)
{
  g_autoptr (GBytes) raw = load ("no-headers.eml");
  g_autoptr (KefuEmailParsed) first = kefu_email_parse (raw, 1);
  g_autoptr (KefuEmailParsed) second = kefu_email_parse (raw, 1);

  g_assert_cmpstr (first->inbound->external_id, ==, second->inbound->external_id);
}

/* The whole corpus through the router: stored once, with nothing lost, and
 * once more as duplicates only. */
static void
test_ingest_all (KefuTestFixture *fixture,
                 gconstpointer    user_data)
{
  g_autoptr (GPtrArray) inbounds = g_ptr_array_new_with_free_func ((GDestroyNotify)kefu_inbound_free);
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (GAsyncResult) again = NULL;
  g_autoptr (GPtrArray) deliveries = NULL;
  g_autoptr (GPtrArray) duplicates = NULL;
  g_autoptr (GError) error = NULL;
  guint refused = 0;

  kefu_router_set_max_attachment_size (fixture->router, 10 * 1024 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autoptr (GBytes) raw = load (corpus[i].file);
      g_autoptr (KefuEmailParsed) parsed = kefu_email_parse (raw, 0);

      g_ptr_array_add (inbounds, g_steal_pointer (&parsed->inbound));
    }

  kefu_router_receive_many_async (fixture->router, inbounds, "email.1.uid", "1:21", NULL,
                                  kefu_test_result_cb, &result);
  deliveries = kefu_router_receive_many_finish (fixture->router, kefu_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (deliveries->len, ==, G_N_ELEMENTS (corpus));
  for (guint i = 0; i < deliveries->len; i++)
    {
      KefuDelivery *delivery = g_ptr_array_index (deliveries, i);

      g_assert_false (delivery->duplicate);
      g_assert_cmpint (delivery->message_id, >, 0);
      refused += delivery->attachments_refused;
    }
  /* Only the 10.5 MB video is over the limit, and it is noted, not lost silently. */
  g_assert_cmpuint (refused, ==, 1);

  kefu_router_receive_many_async (fixture->router, inbounds, "email.1.uid", "1:21", NULL,
                                  kefu_test_result_cb, &again);
  duplicates = kefu_router_receive_many_finish (fixture->router, kefu_test_wait (&again), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < duplicates->len; i++)
    g_assert_true (((KefuDelivery *)g_ptr_array_index (duplicates, i))->duplicate);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_strdup_printf ("/email/parse/corpus/%s", corpus[i].file);

      g_test_add_data_func (path, &corpus[i], test_message);
    }
  g_test_add_func ("/email/parse/sanitized-html", test_sanitized_html);
  g_test_add_func ("/email/parse/inline-image", test_inline_image);
  g_test_add_func ("/email/parse/rfc2231-filename", test_rfc2231_filename);
  g_test_add_func ("/email/parse/thread-keys", test_thread_keys);
  g_test_add_func ("/email/parse/bounce", test_bounce);
  g_test_add_func ("/email/parse/no-message-id-is-stable", test_no_message_id_is_stable);
  g_test_add ("/email/parse/ingest-all", KefuTestFixture, NULL,
              kefu_test_fixture_set_up, test_ingest_all, kefu_test_fixture_tear_down);

  return g_test_run ();
}
