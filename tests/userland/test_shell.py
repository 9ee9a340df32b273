"""The shell's features, driven through `minos run` (userland/sh.c)."""


def test_arguments_and_quoting(run):
    status, out = run(r"""echo plain   words
echo 'single  $? "quoted"'
echo "double  'quoted' $?"
echo back\ slash \'x\' "a\"b"
echo '' empty
""")
    assert status == 0
    assert out == ("plain words\n"
                   "single  $? \"quoted\"\n"
                   "double  'quoted' 0\n"
                   "back slash 'x' a\"b\n"
                   " empty\n")


def test_pipelines_of_any_length(run):
    status, out = run("echo one two three | cat | cat | cat | cat | wc -w\n"
                      "echo b a c | xargs -n 1 | sort | cat\n")
    assert status == 0
    assert out.split() == ["3", "a", "b", "c"]


def test_redirections(run):
    status, out = run("""echo first > f
echo second >> f
cat < f
cat nothere 2> err
cat err
cat nothere > both 2>&1
cat both
echo gone > /dev/null
cat < /dev/null
echo end
""")
    assert out == ("first\nsecond\n"
                   "cat: nothere: No such file or directory\n"
                   "cat: nothere: No such file or directory\n"
                   "end\n")
    assert status == 0


def test_lists_and_status(run):
    status, out = run("""false; echo $?
true && echo and-yes
false && echo and-no
false || echo or-yes
true || echo or-no
false || false || echo chain
nocommand; echo status $?
exit 7
echo not reached
""")
    assert out == ("1\nand-yes\nor-yes\nchain\n"
                   "sh: nocommand: command not found\nstatus 127\n")
    assert status == 7


def test_last_status_is_exit_status(run):
    assert run("true")[0] == 0
    assert run("false")[0] == 1
    assert run("grep x /nothere")[0] == 2


def test_comments_and_blank_lines(run):
    status, out = run("# a comment\n\n   \necho visible # not this\necho 'in # quotes'\n")
    assert out == "visible\nin # quotes\n"


def test_cd_and_prompt_directory(run):
    status, out = run("mkdir -p /a/b\ncd /a/b\npwd\ncd ..\npwd\ncd\npwd\ncd /nowhere\necho $?\n")
    assert out == ("/a/b\n/a\n/\n"
                   "sh: cd: /nowhere: No such file or directory\n1\n")


def test_syntax_errors_do_not_stop_the_shell(run):
    status, out = run("echo a |\necho 'open\n| echo x\necho b && && echo c\necho > \necho still here\n")
    lines = out.splitlines()
    assert lines[-1] == "still here"
    assert lines[:-1] == ["sh: syntax error near 'end of line'",
                          "sh: syntax error: unterminated quote",
                          "sh: syntax error near '|'",
                          "sh: syntax error near '&&'",
                          "sh: syntax error near 'end of line'"]
    assert status == 0


def test_background_jobs_and_wait(run):
    status, out = run("sleep 1 && echo late &\necho early\njobs\nwait\necho after\n")
    assert out == ("early\n"
                   "[1] Running    sleep 1 && echo late\n"
                   "late\n"
                   "[1] Done       sleep 1 && echo late\n"
                   "after\n")


def test_background_failure_is_reported(run):
    status, out = run("false &\nwait\n")
    assert out == "[1] Exit 1     false\n"


def test_shell_scripts(run):
    status, out = run("""echo 'echo in script' > s.sh
echo 'cd /bin' >> s.sh
echo 'pwd' >> s.sh
echo 'exit 3' >> s.sh
sh s.sh
echo script said $?
pwd
sh -c 'echo from -c; false'
echo $?
sh /missing.sh
echo $?
""")
    assert out == ("in script\n/bin\nscript said 3\n/\nfrom -c\n1\n"
                   "sh: /missing.sh: No such file or directory\n127\n")


def test_builtin_redirection(run):
    status, out = run("sleep 1 &\njobs > j\ncat j\nwait > /dev/null\necho ok\n")
    assert out == "[1] Running    sleep 1\nok\n"


def test_errors_name_their_reason(run):
    """The shell reports the kernel's error number (issue 21): a redirection
    into a directory, cd into a file, a program that is not an image."""
    status, out = run("""echo x > /bin
cd /bin/ls
echo $?
/dev
echo $?
""")
    assert out == ("sh: /bin: Is a directory\n"
                   "sh: cd: /bin/ls: Not a directory\n1\n"
                   "sh: /dev: Permission denied\n126\n")
