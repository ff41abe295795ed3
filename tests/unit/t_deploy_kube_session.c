/* t_deploy_kube_session.c - LIST/WATCH protocol decisions: relist, rewatch, poll, deadline. */
#include "unit.h"
#include "svc/kube_session.h"

#define S 1000000000LL

TEST(kube_session_list_watch_gone_relist)
{
	struct kube_session s;
	long long w;

	kube_session_init(&s, 0, 600 * S);
	CHECK_INT(kube_session_next(&s, 0, &w), KUBE_DO_LIST);
	kube_session_started(&s, 0);
	kube_session_listed(&s, "104", S / 10);
	CHECK_INT(kube_session_next(&s, S / 10, &w), KUBE_DO_WATCH);
	CHECK_STR(s.rv, "104");
	kube_session_started(&s, S / 10);
	kube_session_seen(&s, "107");
	kube_session_seen(&s, "113"); /* a BOOKMARK */
	kube_session_ended(&s, KUBE_END_CLEAN, 300 * S);
	CHECK_INT(kube_session_next(&s, 300 * S, &w), KUBE_DO_WATCH);
	CHECK_STR(s.rv, "113");
	kube_session_started(&s, 300 * S);
	kube_session_ended(&s, KUBE_END_CUT, 302 * S);
	CHECK_INT(kube_session_next(&s, 302 * S, &w), KUBE_DO_WATCH);
	kube_session_started(&s, 302 * S);
	kube_session_ended(&s, KUBE_END_GONE, 303 * S);
	CHECK_INT(kube_session_next(&s, 303 * S, &w), KUBE_DO_LIST);
	CHECK_INT(s.lists, 1);
	CHECK_INT(s.watches, 3);
}

TEST(kube_session_hot_loop_backs_off_then_polls)
{
	struct kube_session s;
	long long w, t = S;

	kube_session_init(&s, 0, 600 * S);
	kube_session_listed(&s, "5", 0);
	/* A proxy that ends every watch at once. */
	kube_session_started(&s, t);
	kube_session_ended(&s, KUBE_END_CLEAN, t + 1000);
	CHECK_INT(kube_session_next(&s, t + 1000, &w), KUBE_DO_WATCH);
	t += 2 * S;
	kube_session_started(&s, t);
	kube_session_ended(&s, KUBE_END_CLEAN, t);
	CHECK_INT(kube_session_next(&s, t, &w), KUBE_DO_WAIT);
	CHECK_INT(w, S);
	t += 2 * S;
	kube_session_started(&s, t);
	kube_session_ended(&s, KUBE_END_CUT, t);
	CHECK(s.polling);
	CHECK_INT(kube_session_next(&s, t, &w), KUBE_DO_LIST);
	kube_session_listed(&s, "9", t);
	CHECK_INT(kube_session_next(&s, t, &w), KUBE_DO_WAIT);
	CHECK_INT(w, 2 * S);
	CHECK_INT(kube_session_next(&s, t + 2 * S, &w), KUBE_DO_LIST);
}

TEST(kube_session_errors_back_off_and_deadline_holds)
{
	struct kube_session s;
	long long w;

	kube_session_init(&s, 0, 10 * S);
	kube_session_list_failed(&s, 0);
	CHECK_INT(kube_session_next(&s, 0, &w), KUBE_DO_WAIT);
	CHECK_INT(w, S);
	kube_session_list_failed(&s, S);
	kube_session_list_failed(&s, 2 * S);
	CHECK_INT(kube_session_next(&s, 2 * S, &w), KUBE_DO_WAIT);
	CHECK_INT(w, 4 * S);
	kube_session_list_failed(&s, 9 * S);
	/* The wait never runs past the deadline, and then it stops. */
	CHECK_INT(kube_session_next(&s, 9 * S, &w), KUBE_DO_WAIT);
	CHECK_INT(w, S);
	CHECK_INT(kube_session_next(&s, 10 * S, &w), KUBE_DO_STOP);
	kube_session_listed(&s, "1", 10 * S);
	CHECK_INT(kube_session_next(&s, 10 * S, &w), KUBE_DO_STOP);
}

TEST(kube_session_watch_timeout_within_deadline)
{
	struct kube_session s;

	kube_session_init(&s, 0, 3600 * S);
	CHECK_INT(kube_session_watch_timeout(&s, 0, 0), 300);
	CHECK_INT(kube_session_watch_timeout(&s, 0, 299), 599);
	CHECK_INT(kube_session_watch_timeout(&s, 0, 300), 300);
	CHECK_INT(kube_session_watch_timeout(&s, 3500 * S, 123), 100);
	CHECK_INT(kube_session_watch_timeout(&s, 3600 * S, 123), 1);
}
