// A DAP session driven by VS Code's own test client (@vscode/debugadapter-testsupport)
// against `minos dap`: usage `node dap_client.js MINOS ROOT [TRANSCRIPT]`.
// tests/dap/test_dap_client.py runs it; it prints "DAP CLIENT OK" when every check held.
//
// The session: boot mono running `echo hi`; stop in the user program's `write` stub,
// step from it into the kernel (the trap from ring 3 to ring 0); a breakpoint in
// sys_write; the stack across the boundary; locals, registers and an expanded struct;
// back to the user program; a step back into the kernel; reverse-continue to the
// breakpoint; memory and disassembly; disconnect.

'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const { DebugClient } = require('@vscode/debugadapter-testsupport');

const [minos, root, transcriptPath] = process.argv.slice(2);
const transcript = [];
const USYS = path.join(root, 'userland/lib/backend/mono/usys.S');
const SYSFILE = path.join(root, 'kernel/mono/sysfile.c');

function short(x) {
  const s = JSON.stringify(x);
  return s.length > 160 ? s.slice(0, 157) + '...' : s;
}

function lineOf(file, text) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith(text));
  assert(i >= 0, `${text} not found in ${file}`);
  return i + 1;
}

async function main() {
  const dc = new DebugClient(minos, 'dap', 'minos', { cwd: root });
  dc.defaultTimeout = 300000;          // a safety net for a hung adapter, not a measure
  const send = dc.send.bind(dc);
  dc.send = async (command, args) => {
    transcript.push(`-> ${command} ${short(args || {})}`);
    const response = await send(command, args);
    transcript.push(`<- ${command} ${short(response.body || {})}`);
    return response;
  };
  dc.on('stopped', (e) => transcript.push(`<- event stopped ${short(e.body)}`));
  dc.on('output', (e) => {
    if (e.body.category === 'stdout') transcript.push(`<- event output ${short(e.body.output)}`);
  });
  await dc.start();
  try {
    await session(dc);
    await dc.disconnectRequest({});
  } finally {
    if (transcriptPath) fs.writeFileSync(transcriptPath, transcript.join('\n') + '\n');
    dc.stopAdapter();
  }
  finished = true;
  console.log('DAP CLIENT OK');
}

// A promise left waiting on an adapter that went away ends node quietly: say so.
let finished = false;
process.on('beforeExit', () => {
  if (!finished) {
    console.error('DAP CLIENT FAILED: the adapter stopped answering');
    process.exit(1);
  }
});

async function frames(dc) {
  return (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames;
}

async function run(dc, request) {
  const [stopped] = await Promise.all([dc.waitForEvent('stopped'),
                                       dc[request + 'Request']({ threadId: 1 })]);
  return stopped;
}

async function session(dc) {
  const init = await dc.initializeRequest({ adapterID: 'minos', linesStartAt1: true,
                                            columnsStartAt1: true, pathFormat: 'path' });
  assert.strictEqual(init.body.supportsStepBack, true);
  assert(init.body.exceptionBreakpointFilters.some((f) => f.filter === 'syscall'));
  await Promise.all([dc.waitForEvent('initialized'),
                     dc.launchRequest({ kernel: 'mono', cores: 1, command: 'echo hi' })]);

  // 1. a breakpoint in the user program's write stub (libc, ring 3)
  const userBp = await dc.setBreakpointsRequest({ source: { path: USYS },
                                                  breakpoints: [{ line: lineOf(USYS, 'write:') + 1 }] });
  assert.strictEqual(userBp.body.breakpoints[0].verified, true);
  const [first] = await Promise.all([dc.waitForEvent('stopped'), dc.configurationDoneRequest()]);
  assert.strictEqual(first.body.reason, 'breakpoint');
  let stack = await frames(dc);
  assert(stack[0].name.startsWith('write [ring 3]'), stack[0].name);
  assert.strictEqual(stack[0].source.path, USYS);
  const threads = (await dc.threadsRequest()).body.threads;
  assert.strictEqual(threads.length, 1);
  assert(/^core 0: \w+, ring 3$/.test(threads[0].name), threads[0].name);

  // 2. step from the user program into the kernel: through `syscall` into ring 0
  for (let i = 0; i < 5 && !stack[0].name.includes('[ring 0]'); i++) {
    await run(dc, 'stepIn');
    stack = await frames(dc);
  }
  assert(stack[0].name.includes('[ring 0]'), stack[0].name);
  assert(stack.some((f) => f.name.includes('trap: syscall')), short(stack));
  assert(stack.some((f) => f.name.startsWith('write [ring 3]')), short(stack));

  // 3. a breakpoint in sys_write, and the stack across the boundary
  await dc.setBreakpointsRequest({ source: { path: USYS }, breakpoints: [] });
  const kernelBp = await dc.setBreakpointsRequest({
    source: { path: SYSFILE }, breakpoints: [{ line: lineOf(SYSFILE, 'sys_write(void)') }] });
  assert.strictEqual(kernelBp.body.breakpoints[0].verified, true);
  const hit = await run(dc, 'continue');
  assert.strictEqual(hit.body.reason, 'breakpoint');
  assert.deepStrictEqual(hit.body.hitBreakpointIds, [kernelBp.body.breakpoints[0].id]);
  stack = await frames(dc);
  assert(stack[0].name.startsWith('sys_write [ring 0]'), stack[0].name);
  assert.strictEqual(stack[0].source.path, SYSFILE);
  assert(stack.some((f) => f.name.includes('[ring 3]')), short(stack));

  // 4. variables: locals, registers, an expression, a struct expanded
  const scopes = (await dc.scopesRequest({ frameId: stack[0].id })).body.scopes;
  const names = scopes.map((s) => s.name);
  assert(names.includes('Locals') && names.includes('Registers'), short(names));
  const locals = (await dc.variablesRequest({
    variablesReference: scopes.find((s) => s.name === 'Locals').variablesReference })).body.variables;
  assert.deepStrictEqual(locals.map((v) => v.name).sort(), ['buf', 'f', 'n']);
  const regs = (await dc.variablesRequest({
    variablesReference: scopes.find((s) => s.name === 'Registers').variablesReference })).body.variables;
  assert(regs.some((r) => r.name === 'pc' && r.value === stack[0].instructionPointerReference
                          .replace('0x', '0x' + '0'.repeat(10 - stack[0].instructionPointerReference.length))));
  const pid = await dc.evaluateRequest({ expression: 'myproc()->pid', frameId: stack[0].id,
                                         context: 'watch' });
  assert(Number(pid.body.result) > 0, pid.body.result);
  const proc = await dc.evaluateRequest({ expression: '*myproc()', frameId: stack[0].id,
                                          context: 'watch' });
  assert(proc.body.variablesReference > 0);
  const fields = (await dc.variablesRequest({ variablesReference: proc.body.variablesReference }))
    .body.variables;
  assert.strictEqual(fields.find((v) => v.name === 'pid').value, pid.body.result);
  const bad = await dc.evaluateRequest({ expression: 'no_such_variable', frameId: stack[0].id,
                                        context: 'watch' }).catch((e) => e);
  assert(bad instanceof Error && /no_such_variable/.test(bad.message), String(bad));

  // 5. back to the user program: out of sys_write and syscall, then on through trap return
  for (let i = 0; i < 2; i++) await run(dc, 'stepOut');
  stack = await frames(dc);
  assert(stack[0].name.startsWith('trap [ring 0]'), stack[0].name);
  for (let i = 0; i < 60 && !stack[0].name.includes('[ring 3]'); i++) {
    await run(dc, 'stepIn');
    stack = await frames(dc);
  }
  assert(stack[0].name.includes('[ring 3]'), stack[0].name);

  // 6. a step back by instruction: from the first instruction after the return into
  // the kernel, at the trap return that ended the call; then forward again
  const userLine = stack[0].line;
  await Promise.all([dc.waitForEvent('stopped'),
                     dc.stepBackRequest({ threadId: 1, granularity: 'instruction' })]);
  stack = await frames(dc);
  assert(stack[0].name.startsWith('trapret [ring 0]'), stack[0].name);
  await run(dc, 'stepIn');
  stack = await frames(dc);
  assert(stack[0].name.startsWith('write [ring 3]') && stack[0].line === userLine, short(stack[0]));

  // 7. reverse-continue: back to the sys_write breakpoint, the same call
  const again = await run(dc, 'reverseContinue');
  assert.strictEqual(again.body.reason, 'breakpoint');
  stack = await frames(dc);
  assert(stack[0].name.startsWith('sys_write [ring 0]'), stack[0].name);
  const pidAgain = await dc.evaluateRequest({ expression: 'myproc()->pid', frameId: stack[0].id,
                                              context: 'watch' });
  assert.strictEqual(pidAgain.body.result, pid.body.result);

  // 8. memory and disassembly at the pc
  const pc = stack[0].instructionPointerReference;
  const mem = await dc.customRequest('readMemory', { memoryReference: pc, count: 8 });
  assert.strictEqual(Buffer.from(mem.body.data, 'base64').length, 8);
  const dis = await dc.customRequest('disassemble', { memoryReference: pc, instructionCount: 2 });
  assert.strictEqual(dis.body.instructions.length, 2);
  assert.strictEqual(dis.body.instructions[0].address, pc);

  // 9. a step back by line (VS Code's step-back button): from sys_write's first
  // statement to the line before it in time, the function's opening (its prologue)
  const bpLine = stack[0].line;
  await run(dc, 'stepBack');
  stack = await frames(dc);
  assert(stack[0].name.startsWith('sys_write [ring 0]') && stack[0].line < bpLine,
         short(stack[0]));

  // 10. a function breakpoint with a hit count and a condition: continue passes the
  // next sys_write (hit 1) and stops at the one after (hit 2), where the condition holds
  await dc.setBreakpointsRequest({ source: { path: SYSFILE }, breakpoints: [] });
  const counted = await dc.setFunctionBreakpointsRequest({
    breakpoints: [{ name: 'sys_write', hitCondition: '2', condition: 'cpus[0].thread != 0' }] });
  assert.strictEqual(counted.body.breakpoints[0].verified, true);
  const second = await run(dc, 'continue');
  assert.strictEqual(second.body.reason, 'breakpoint');
  assert.deepStrictEqual(second.body.hitBreakpointIds, [counted.body.breakpoints[0].id]);
  assert(!/Error/.test(second.body.description), second.body.description);
  const info = await dc.evaluateRequest({ expression: '-exec info breakpoints', context: 'repl' });
  assert(/already hit 2 times/.test(info.body.result), info.body.result);
}

main().catch((e) => {
  console.error(`DAP CLIENT FAILED: ${e.stack || e}`);
  if (transcriptPath) fs.writeFileSync(transcriptPath, transcript.join('\n') + '\n');
  process.exit(1);
});
