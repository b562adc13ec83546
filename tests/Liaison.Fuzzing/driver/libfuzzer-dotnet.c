// The bridge between libFuzzer and a .NET fuzz target that calls SharpFuzz's
// Fuzzer.LibFuzzer.Run. libFuzzer drives this process; each input is copied into
// a shared-memory segment after the coverage map, its length is written to the
// control pipe, and the .NET process answers with a 4-byte status on the status
// pipe (0: returned normally; anything else: an exception escaped the target).
// The coverage bytes the instrumented assemblies wrote are then copied into
// libFuzzer's extra counters, so libFuzzer sees .NET edge coverage.
//
// Build: clang -O2 -fsanitize=fuzzer libfuzzer-dotnet.c -o libfuzzer-dotnet
// Run:   libfuzzer-dotnet --target_path=PATH [--target_arg=ARG]... [libFuzzer flags] CORPUS...
// Flags that start with "--" are ignored by libFuzzer itself.

#include <errno.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <sys/types.h>
#include <unistd.h>

// Must match SharpFuzz: a 64 KiB coverage map followed by the input.
enum { COVERAGE_BYTES = 1 << 16, MAX_INPUT_BYTES = 1 << 20, MAX_TARGET_ARGS = 16 };
enum { CONTROL_FD = 198, STATUS_FD = 199 };

__attribute__((weak, section("__libfuzzer_extra_counters"))) uint8_t dotnet_coverage[COVERAGE_BYTES];

static int control_fd = -1;
static int status_fd = -1;
static int segment_id = -1;
static uint8_t *segment;
static pid_t target_pid = -1;

static void fail(const char *what)
{
    fprintf(stderr, "libfuzzer-dotnet: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void clean_up(void)
{
    if (target_pid > 0)
    {
        kill(target_pid, SIGKILL);
    }

    if (segment_id >= 0)
    {
        shmctl(segment_id, IPC_RMID, NULL);
    }
}

static const char *flag_value(const char *arg, const char *name)
{
    size_t length = strlen(name);
    return strncmp(arg, name, length) == 0 && arg[length] == '=' ? arg + length + 1 : NULL;
}

static int read_exactly(int fd, void *buffer, size_t length)
{
    size_t done = 0;
    while (done < length)
    {
        ssize_t n = read(fd, (char *)buffer + done, length - done);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }

        if (n <= 0)
        {
            return -1;
        }

        done += (size_t)n;
    }

    return 0;
}

static int write_exactly(int fd, const void *buffer, size_t length)
{
    size_t done = 0;
    while (done < length)
    {
        ssize_t n = write(fd, (const char *)buffer + done, length - done);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }

        if (n <= 0)
        {
            return -1;
        }

        done += (size_t)n;
    }

    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *path = NULL;
    char *target_argv[MAX_TARGET_ARGS + 2];
    int target_argc = 1;
    for (int i = 1; i < *argc; i++)
    {
        const char *value;
        if ((value = flag_value((*argv)[i], "--target_path")) != NULL)
        {
            path = value;
        }
        else if ((value = flag_value((*argv)[i], "--target_arg")) != NULL && target_argc <= MAX_TARGET_ARGS)
        {
            target_argv[target_argc++] = (char *)value;
        }
    }

    if (path == NULL)
    {
        fprintf(stderr, "libfuzzer-dotnet: --target_path=PATH is required.\n");
        exit(1);
    }

    target_argv[0] = (char *)path;
    target_argv[target_argc] = NULL;

    int control[2];
    int status[2];
    if (pipe(control) != 0 || pipe(status) != 0)
    {
        fail("pipe");
    }

    segment_id = shmget(IPC_PRIVATE, COVERAGE_BYTES + MAX_INPUT_BYTES, IPC_CREAT | IPC_EXCL | 0600);
    if (segment_id < 0)
    {
        fail("shmget");
    }

    atexit(clean_up);
    segment = shmat(segment_id, NULL, 0);
    if (segment == (void *)-1)
    {
        fail("shmat");
    }

    target_pid = fork();
    if (target_pid < 0)
    {
        fail("fork");
    }

    if (target_pid == 0)
    {
        // libFuzzer leaves with _Exit on a timeout, without atexit handlers: the
        // kernel ends the target with its parent instead.
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        char id[16];
        snprintf(id, sizeof id, "%d", segment_id);
        if (dup2(control[0], CONTROL_FD) < 0 || dup2(status[1], STATUS_FD) < 0)
        {
            fail("dup2");
        }

        close(control[0]);
        close(control[1]);
        close(status[0]);
        close(status[1]);
        setenv("__LIBFUZZER_SHM_ID", id, 1);
        setenv("__LIBFUZZER_CONTROL_PIPE_ID", "198", 1);
        setenv("__LIBFUZZER_STATUS_PIPE_ID", "199", 1);
        execv(path, target_argv);
        fail("execv");
    }

    close(control[0]);
    close(status[1]);
    control_fd = control[1];
    status_fd = status[0];

    // The target writes one status word once it has attached to the segment.
    int32_t ready;
    if (read_exactly(status_fd, &ready, sizeof ready) != 0)
    {
        fprintf(stderr, "libfuzzer-dotnet: the .NET target exited before it was ready.\n");
        exit(1);
    }

    // One empty input before libFuzzer starts its clock: the target builds its keys and
    // warms up on it, which takes longer than any -timeout meant for one input.
    int32_t empty = 0;
    if (write_exactly(control_fd, &empty, sizeof empty) != 0 || read_exactly(status_fd, &ready, sizeof ready) != 0 || ready != 0)
    {
        fprintf(stderr, "libfuzzer-dotnet: the .NET target failed while warming up.\n");
        exit(1);
    }

    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > MAX_INPUT_BYTES)
    {
        return -1;  // libFuzzer: do not add to the corpus.
    }

    memset(segment, 0, COVERAGE_BYTES);
    memcpy(segment + COVERAGE_BYTES, data, size);
    int32_t length = (int32_t)size;
    if (write_exactly(control_fd, &length, sizeof length) != 0)
    {
        fprintf(stderr, "libfuzzer-dotnet: the .NET target is gone.\n");
        exit(1);
    }

    int32_t status;
    if (read_exactly(status_fd, &status, sizeof status) != 0)
    {
        // The process died without reporting (stack overflow, fail-fast): a crash.
        fprintf(stderr, "libfuzzer-dotnet: the .NET target terminated unexpectedly.\n");
        target_pid = -1;
        __builtin_trap();
    }

    memcpy(dotnet_coverage, segment, COVERAGE_BYTES);
    if (status != 0)
    {
        __builtin_trap();
    }

    return 0;
}
