"""Every coreutil's normal and error cases (userland/bin/), through `minos run`.

Each test is one boot: it prepares files with echo and checks the exact
output, in the POSIX-like formats the programs promise."""

SETUP = "echo banana > fruit\necho apple >> fruit\necho cherry >> fruit\necho apple >> fruit\n"


def test_echo_true_false(run):
    status, out = run("echo a  b\necho -n no-newline\necho\necho x; true; echo $?; false; echo $?\n")
    assert out == "a b\nno-newline\nx\n0\n1\n"


def test_cat(run):
    status, out = run(SETUP + "cat fruit fruit | wc -l\necho in | cat - \ncat nothere fruit\necho $?\n")
    assert out == ("      8\nin\ncat: nothere: No such file or directory\n"
                   "banana\napple\ncherry\napple\n1\n")


def test_ls(run):
    status, out = run("mkdir d\necho x > d/b\necho yy > d/a\nls d\nls -l d\nls d/a\nls -a d\n"
                      "ls nothere\necho $?\nls -z\n")
    lines = out.splitlines()
    assert lines[0:2] == ["a", "b"]
    assert lines[2].split()[0] == "-" and lines[2].split()[3:] == ["3", "a"]
    assert lines[3].split()[0] == "-" and lines[3].split()[3:] == ["2", "b"]
    assert lines[4] == "d/a"
    assert lines[5:9] == [".", "..", "a", "b"]
    assert lines[9:] == ["ls: cannot access 'nothere': No such file or directory", "1",
                         "ls: invalid option -- 'z'", "usage: ls [-la] [PATH...]"]
    assert status == 1


def test_ls_root_shows_directories(run):
    status, out = run("ls -l /\n")
    entries = {line.split()[-1]: line.split()[0] for line in out.splitlines()}
    assert entries["bin"] == "d" and entries["dev"] == "d"
    assert status == 0


def test_mkdir_rmdir(run):
    status, out = run("mkdir a\nmkdir a\necho $?\nmkdir -p a/b/c\nmkdir -p a/b/c\necho $?\n"
                      "ls a/b\nrmdir a\necho $?\nrmdir a/b/c\nls a/b\nrmdir nothere\n"
                      "echo x > f\nrmdir f\nmkdir\n")
    assert out == ("mkdir: cannot create directory 'a': File exists\n1\n0\nc\n"
                   "rmdir: failed to remove 'a': Directory not empty\n1\n"
                   "rmdir: failed to remove 'nothere': No such file or directory\n"
                   "rmdir: failed to remove 'f': Not a directory\n"
                   "usage: mkdir [-p] DIR...\n")


def test_rm(run):
    status, out = run("echo x > f\nrm f\nls f\nrm f\necho $?\nrm -f f\necho $?\n"
                      "mkdir -p d/e\necho y > d/e/g\nrm d\nrm -r d\nls d\n")
    assert out == ("ls: cannot access 'f': No such file or directory\n"
                   "rm: cannot remove 'f': No such file or directory\n1\n0\n"
                   "rm: cannot remove 'd': Is a directory\n"
                   "ls: cannot access 'd': No such file or directory\n")


def test_ln_mv_cp(run):
    status, out = run(SETUP + "ln fruit f2\nstat f2 | grep Links\nln nothere x\n"
                      "mv f2 f3\ncat f3 | head -n 1\nls f2\nmkdir d\nmv f3 d\nls d\n"
                      "cp fruit d\ncp fruit copy\ncat copy | wc -l\nls d\ncp nothere x\n"
                      "cp d e\nmv nothere x\necho $?\n")
    assert out == ("Device: 1\tInode: 33\tLinks: 2\n".replace("33", out.split("Inode: ")[1].split("\t")[0])
                   + "ln: failed to create hard link 'x' => 'nothere'\n"
                   "banana\nls: cannot access 'f2': No such file or directory\nf3\n"
                   "      4\nf3\nfruit\n"
                   "cp: cannot stat 'nothere': No such file or directory\n"
                   "cp: -r not specified; omitting directory 'd'\n"
                   "mv: cannot stat 'nothere': No such file or directory\n1\n")


def test_wc(run):
    status, out = run(SETUP + "wc fruit\nwc -l fruit\nwc -w -c fruit\nwc fruit fruit\n"
                      "echo one two | wc\nwc nothere\necho $?\n")
    assert out == ("      4       4      26 fruit\n"
                   "      4 fruit\n"
                   "      4      26 fruit\n"
                   "      4       4      26 fruit\n      4       4      26 fruit\n"
                   "      8       8      52 total\n"
                   "      1       2       8\n"
                   "wc: nothere: No such file or directory\n1\n")


def test_grep(run):
    status, out = run(SETUP + "grep apple fruit\ngrep -n an fruit\ngrep -c apple fruit\n"
                      "grep -v apple fruit\ngrep -i APPLE fruit | wc -l\ngrep '^c.*y$' fruit\n"
                      "grep 'b.n' fruit\ngrep zzz fruit\necho $?\ngrep x nothere\necho $?\n"
                      "grep\necho $?\ngrep an fruit fruit | head -n 1\n")
    assert out == ("apple\napple\n1:banana\n2\nbanana\ncherry\n      2\ncherry\nbanana\n1\n"
                   "grep: nothere: No such file or directory\n2\n"
                   "usage: grep [-vcni] PATTERN [FILE...]\n2\nfruit:banana\n")


def test_head_tail(run):
    lines = "".join(f"echo {i} >> n\n" for i in range(1, 13))
    status, out = run(lines + "head n | wc -l\nhead -n 2 n\nhead -3 n | tail -n 1\n"
                      "tail n | head -n 1\ntail -n 2 n\ncat n | tail -1\nhead nothere\n"
                      "tail -n x n\n")
    assert out == ("     10\n1\n2\n3\n3\n11\n12\n12\n"
                   "head: cannot open 'nothere' for reading: No such file or directory\n"
                   "tail: invalid number of lines\n")


def test_sort_uniq(run):
    status, out = run(SETUP + "sort fruit\nsort -r fruit | head -n 1\n"
                      "echo 10 > n\necho 9 >> n\necho 100 >> n\nsort n | head -n 1\nsort -n n\n"
                      "sort fruit | uniq\nsort fruit | uniq -c\nsort nothere\nuniq nothere\n")
    assert out == ("apple\napple\nbanana\ncherry\ncherry\n10\n9\n10\n100\n"
                   "apple\nbanana\ncherry\n      2 apple\n      1 banana\n      1 cherry\n"
                   "sort: cannot read: nothere: No such file or directory\n"
                   "uniq: nothere: No such file or directory\n")


def test_kill_ps_sleep(run):
    status, out = run("sleep 100 &\nps | grep 'sleep$' | wc -l\nkill 999\necho $?\nkill abc\n"
                      "ps | head -n 1\nsleep x\nsleep -t 5\necho slept\n")
    assert out == ("      1\nkill: (999) - No such process\n1\n"
                   "kill: abc: arguments must be process ids\n"
                   "  PID  PPID STATE  CORE NAME\n"
                   "usage: sleep SECONDS  or  sleep -t TICKS\nslept\n")


def test_kill_ends_a_background_job(run):
    # kill the job through its pid from ps
    status, out = run("sleep 100 &\nps | grep 'sleep$' | xargs -n 1 | head -n 1 | xargs kill\n"
                      "wait\n")
    assert out.startswith("[1] Exit 255") and "sleep 100" in out


def test_pwd_touch_stat(run):
    status, out = run("pwd\nmkdir d\ncd d\npwd\ntouch a b\nls\nstat a\nstat /d\nstat nothere\n"
                      "stat /dev/console | grep Type\ntouch\n")
    lines = out.splitlines()
    assert lines[:5] == ["/", "/d", "a", "b", "  File: a"]
    assert lines[5] == "  Size: 0\tType: regular file"
    assert lines[6].startswith("Device: 1\tInode: ") and lines[6].endswith("Links: 1")
    assert lines[7:9] == ["  File: /d", "  Size: " + lines[8].split()[1] + "\tType: directory"]
    assert "stat: cannot stat 'nothere': No such file or directory" in lines
    assert "  Size: 0\tType: device" in lines
    assert lines[-1] == "usage: touch FILE..."


def test_xargs_find(run):
    status, out = run("mkdir -p t/u\ntouch t/a t/u/b\nfind t\nfind t -name b\nfind t -type d\n"
                      "find t -name '*' -type f | xargs echo found\necho 1 2 3 | xargs -n 2 echo\n"
                      "echo x | xargs nosuch\necho $?\nfind nothere\n")
    assert out == ("t\nt/u\nt/u/b\nt/a\nt/u/b\nt\nt/u\nfound t/u/b t/a\n1 2\n3\n"
                   "xargs: nosuch: No such file or directory\n123\n"
                   "find: 'nothere': No such file or directory\n")


def test_uptime_halt(run):
    status, out = run("uptime\nhalt 5\necho not reached\n")
    assert out.startswith("up ") and "ticks), " in out and "1 cores" in out
    assert status == 5
    status, out = run("halt x\necho $?\n")
    assert out == "usage: halt [CODE]\n1\n"


def test_forktest_stressfs(run):
    status, out = run("forktest\nstressfs\n")
    assert out == "fork test\nfork test OK\nstressfs starting\nstressfs OK\n"
    assert status == 0
