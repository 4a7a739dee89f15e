/*
 * cli: the command line's grammar, shared by every subcommand.
 *
 * One binary, subcommands, GNU-style options (before or after operands,
 * "--" ends them), "-" for stdin or stdout.  Each subcommand lives in
 * ui/cmd_NAME.c as `int cmd_NAME(struct cli *)` and returns an exit code:
 * 0 success, 1 runtime failure (bad file, bad data), 2 usage.
 */
#ifndef TS_CLI_H
#define TS_CLI_H

#include <stdbool.h>
#include <stdint.h>

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

/* --fault KIND@STEP: a fault injected as the TUI's f key does. */
#define CLI_MAX_FAULTS	16
struct cli_fault {
	const char	*arg;		/* as given, for errors */
	int		 kind;		/* enum sim_fault */
	long		 step;
};

enum cmd_id {
	CMD_DEMO, CMD_TRACE, CMD_EXPORT, CMD_SCENARIOS, CMD_RENDER,
	CMD_ANNOTATE, CMD_REPLAY, CMD_LESSONS, CMD_LESSON, CMD_QUIZ,
	CMD_COUNT
};

struct cli {
	enum cmd_id	 cmd;
	const char	*name;		/* the subcommand's name */
	int		 nops;		/* operands, after the options */
	char		**ops;
	char		*filter;	/* the words after a capture FILE, joined;
					   NULL if none (owned) */

	const char	*scenario;	/* --scenario NAME|FILE */
	uint64_t	 seed;		/* --seed N */
	bool		 seed_set;
	bool		 ipv6;		/* -6 */
	bool		 json;		/* --json */
	const char	*output;	/* -o FILE */
	const char	*lang;		/* --lang en|zh */
	const char	*theme;		/* --theme dark|light|projector */
	bool		 ascii;		/* --ascii */
	long		 count;		/* -c N; -1 when unset */
	const char	*profile;	/* --profile, --client-profile, --server-profile */
	const char	*client_profile;
	const char	*server_profile;
	long		 step;		/* --step K; -1 when unset */
	int		 width, height;	/* --size WxH */
	const char	*capture;	/* --capture FILE */
	long		 conn;		/* --conn N; -1 when unset */
	bool		 summary;	/* --summary */
	bool		 present;	/* --present */
	bool		 handout;	/* --handout */
	int		 nfault;	/* --fault, in the order given */
	struct cli_fault fault[CLI_MAX_FAULTS];
};

typedef int (*cmd_fn)(struct cli *);

int	cmd_demo(struct cli *);
int	cmd_trace(struct cli *);
int	cmd_export(struct cli *);
int	cmd_scenarios(struct cli *);
int	cmd_render(struct cli *);
int	cmd_annotate(struct cli *);
int	cmd_replay(struct cli *);
int	cmd_lessons(struct cli *);
int	cmd_lesson(struct cli *);
int	cmd_quiz(struct cli *);

/*
 * Parse argv (argv[0] being the subcommand's name) into c.  Returns
 * EXIT_OK to run, -1 when --help was printed (exit 0), or EXIT_USAGE after
 * reporting a usage error.
 */
int	cli_parse(struct cli *c, enum cmd_id cmd, int argc, char **argv);
void	cli_done(struct cli *c);
/*
 * The index in argv of the first word that is not an option nor an option's
 * argument (the subcommand, when one is named), or 0 if there is none.
 */
int	cli_locate(int argc, char **argv);
/* Look a subcommand up by name; -1 if there is none. */
int	cli_find(const char *name);
/* An operand naming a file: "-", a '/' in it, or a file extension. */
bool	cli_is_file(const char *operand);
/* Print the global help, or one subcommand's. */
void	cli_usage_global(void);
void	cli_usage(enum cmd_id cmd);
/* "tcpstep: what: why" on stderr, untrusted parts escaped; returns code. */
int	cli_error(int code, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* A usage error: the message, then "Try 'tcpstep CMD --help'.", exit 2. */
int	cli_usage_error(const char *cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* For subcommands still to come. */
int	cli_not_yet(const struct cli *c);

#endif
