/* sim: placeholder run (no steps yet); the real engine replaces it. */
#include "sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

struct sim {
	struct host	host[SIM_NHOSTS];
	char		name[64];
};

struct sim *
sim_new(const struct sim_config *cfg, struct ts_err *err)
{
	struct sim *s;
	const char *name = cfg->scenario ? cfg->scenario : "handshake";

	if (!sim_builtin_known(name)) {
		ts_err_set(err, "%s: unknown scenario", name);
		return NULL;
	}
	s = xcalloc(1, sizeof(*s));
	snprintf(s->name, sizeof(s->name), "%s", name);
	return s;
}

void
sim_free(struct sim *s)
{
	free(s);
}

size_t sim_nsteps(const struct sim *s) { (void)s; return 0; }
size_t sim_cur(const struct sim *s) { (void)s; return 0; }
int sim_goto(struct sim *s, size_t k) { (void)s; return k == 0 ? 0 : -1; }
const struct sim_step *sim_step_at(const struct sim *s, size_t k) { (void)s; (void)k; return NULL; }
bool sim_step_changed(const struct sim *s, size_t k, const char *n) { (void)s; (void)k; (void)n; return false; }
const char *sim_scenario(const struct sim *s) { return s->name; }
const char *sim_description(const struct sim *s) { (void)s; return ""; }
bool sim_ipv6(const struct sim *s) { (void)s; return false; }
uint64_t sim_now(const struct sim *s) { (void)s; return 0; }
const struct host *sim_host(const struct sim *s, int side) { return &s->host[side]; }
const char *sim_host_name(int side) { return side == SIM_CLIENT ? "client" : "server"; }
int sim_host_conn(const struct sim *s, int side) { (void)s; (void)side; return -1; }
int sim_host_listener(const struct sim *s, int side) { (void)s; (void)side; return -1; }
const char *sim_profile_of(const struct sim *s, int side) { (void)s; (void)side; return "linux"; }
void sim_segment(const struct sim *s, struct sim_seg *o) { (void)s; memset(o, 0, sizeof(*o)); }
int sim_get(const struct sim *s, const char *n, struct sim_value *o, struct ts_err *e) { (void)s; (void)o; return ts_err_set(e, "%s: unknown name", n); }
const char *const *sim_names(size_t *n) { static const char *const x[] = { "step.chapter" }; *n = 1; return x; }
int sim_name_index(const char *n) { return strcmp(n, "step.chapter") == 0 ? 0 : -1; }
const char *sim_name(size_t i) { return i == 0 ? "step.chapter" : NULL; }
int sim_get_index(const struct sim *s, size_t i, struct sim_value *o) { (void)s; (void)i; memset(o, 0, sizeof(*o)); return 0; }
const char *sim_step_text(const struct sim *s, size_t k, char *b, size_t l) { (void)s; (void)k; if (l) b[0] = 0; return b; }
const char *sim_state_gloss(int st) { return tcp_state_name(st); }
const char *sim_layer_name(int l) { static const char *const n[] = { "app", "socket", "tcp", "ip", "wire" }; return l >= 0 && l < SIM_L_COUNT ? n[l] : "?"; }
int sim_inject(struct sim *s, size_t k, int f, uint32_t d, struct ts_err *e) { (void)s; (void)k; (void)f; (void)d; return ts_err_set(e, "not yet"); }
char *sim_scenario_text(const struct sim *s) { (void)s; return xstrdup(""); }
static const char *const sim_bi[] = { "handshake" };
size_t sim_builtin_count(void) { return 1; }
const char *sim_builtin_name(size_t i) { return i < 1 ? sim_bi[i] : NULL; }
const char *sim_builtin_desc(size_t i) { (void)i; return "the three-way handshake"; }
bool sim_builtin_known(const char *n) { return strcmp(n, "handshake") == 0; }
size_t sim_profile_count(void) { return 1; }
const char *sim_profile_name(size_t i) { return i < 1 ? "linux" : NULL; }
bool sim_profile_known(const char *n) { return strcmp(n, "linux") == 0; }
