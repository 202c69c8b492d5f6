# Formal proofs of the RTL blocks (scripts/formal.py: yosys, then
# yosys-smtbmc with z3 or yosys' own `sat`; harnesses in formal/). Label
# "formal;default" for the quick ones (about 65 s together on 2 cores),
# "formal;long" for the deep ones. A broken variant passes only when the
# prover refutes the named property with a counterexample trace
# (build dir/formal/<test>/trace_<property>.vcd); it checks only that
# property. Times below: measured on the 2-core machine while a full build
# ran beside it. docs/verification.md "Formal" has the table.
#
#   ctest --test-dir build-formal -L formal
include_guard(GLOBAL)

find_program(SB_Z3_EXECUTABLE z3)
find_program(SB_SMTBMC_EXECUTABLE yosys-smtbmc)

# sb_formal_test(NAME <test> JOB <job> MODE bmc|prove DEPTH <n> LABELS <labels>
#                [BREAK <variant> EXPECT_REFUTED <property>] [ENGINE smtbmc|sat]
#                [ONLY <prop,prop,..>] [TIMEOUT <s>])
# ENGINE overrides the job's engine (scripts/formal.py: smtbmc = yosys-smtbmc
# with z3, sat = yosys' own bit-level `sat -tempinduct`); ONLY checks a
# subset of the harness's properties.
function(sb_formal_test)
  cmake_parse_arguments(F "" "NAME;JOB;MODE;DEPTH;BREAK;EXPECT_REFUTED;ENGINE;ONLY;TIMEOUT" "LABELS" ${ARGN})
  if(NOT F_TIMEOUT)
    set(F_TIMEOUT 600)
  endif()
  set(_args run ${F_JOB} --mode ${F_MODE} --depth ${F_DEPTH}
      --pkg ${SB_PKG_SV} --out ${CMAKE_BINARY_DIR}/formal/${F_NAME})
  if(F_BREAK)
    list(APPEND _args --break ${F_BREAK} --expect-refuted ${F_EXPECT_REFUTED})
  endif()
  if(F_ENGINE)
    list(APPEND _args --engine ${F_ENGINE})
  endif()
  if(F_ONLY)
    list(APPEND _args --only ${F_ONLY})
  endif()
  if(NOT SB_Z3_EXECUTABLE OR NOT SB_SMTBMC_EXECUTABLE OR NOT YOSYS_EXECUTABLE)
    # Fail loudly rather than skip: install-deps installs yosys and z3.
    add_test(NAME ${F_NAME}
      COMMAND ${CMAKE_COMMAND} -E echo "z3 / yosys-smtbmc / yosys not found at configure time; run scripts/install-deps.sh and re-run cmake")
    set_tests_properties(${F_NAME} PROPERTIES LABELS "${F_LABELS}" FAIL_REGULAR_EXPRESSION "not found")
    return()
  endif()
  add_test(NAME ${F_NAME}
    COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/scripts/formal.py ${_args})
  set_tests_properties(${F_NAME} PROPERTIES LABELS "${F_LABELS}" TIMEOUT ${F_TIMEOUT})
endfunction()

# PFC sender: the reaction rule, exact selection, reference-state invariants.
# k-induction with k = 6 (about 5 s; it already closes at k = 1).
sb_formal_test(NAME formal_pfc_tx JOB pfc_tx MODE prove DEPTH 6 LABELS "formal;default")
sb_formal_test(NAME formal_pfc_tx_broken JOB pfc_tx MODE bmc DEPTH 8 LABELS "formal;default"
  BREAK no_reaction EXPECT_REFUTED reaction)

# CBFC sender + receiver over a link: credit bounds, no overflow. Bounded
# only (the induction step fails at k = 10 without more invariants); depth 10
# takes 2.7 to 9 minutes on the shared 2-core machine (load).
sb_formal_test(NAME formal_cbfc JOB cbfc MODE bmc DEPTH 10 LABELS "formal;long" TIMEOUT 1800)
# The broken sender is refuted at step 5 (about 14 s, only no_overflow checked).
sb_formal_test(NAME formal_cbfc_broken JOB cbfc MODE bmc DEPTH 8 LABELS "formal;default" TIMEOUT 900
  BREAK credit_overflow EXPECT_REFUTED no_overflow)

# LS port initiator (MaxTags 4, {generation, index} tags): tag uniqueness,
# range and freshness, completion once with the exact tag, outstanding count,
# headers in acceptance order, and the table / packetizer invariants that
# make them inductive. k-induction closes at k = 1; k = 4 (BMC 4 + induction
# 4) takes about 9 s.
sb_formal_test(NAME formal_ls_port JOB ls_port MODE prove DEPTH 4 LABELS "formal;default")
# Broken variants, each refuted within 3-4 steps (about 5 s each): the
# allocator ignores the valid bits (a tag in use is reissued); the generation
# never moves on; the matcher ignores the generation.
sb_formal_test(NAME formal_ls_port_broken JOB ls_port MODE bmc DEPTH 6 LABELS "formal;default"
  BREAK tag_reuse EXPECT_REFUTED tag_unique)
sb_formal_test(NAME formal_ls_port_broken_gen JOB ls_port MODE bmc DEPTH 6 LABELS "formal;default"
  BREAK gen_stuck EXPECT_REFUTED tag_fresh)
sb_formal_test(NAME formal_ls_port_broken_stale JOB ls_port MODE bmc DEPTH 6 LABELS "formal;default"
  BREAK stale_match EXPECT_REFUTED cpl_once)

# PFC receiver (classes 0..1, limit <= 6): the XOFF/XON hysteresis rule
# (pause at XOFF, resume at XON, nothing in between but refreshes every
# `refresh` cycles), frame format, occupancy and drops. k-induction closes
# at k = 4 (about 4 s; k = 8 about 5 s).
sb_formal_test(NAME formal_pfc_rx JOB pfc_rx MODE prove DEPTH 8 LABELS "formal;default")
# Broken variants (about 4-5 s each): resume below XOFF instead of at XON
# (no hysteresis); a pause every cycle above XOFF (paused state ignored).
# reach: a sanity check, "no resume after a headroom violation" must be
# refuted (the assumptions leave that behaviour reachable).
sb_formal_test(NAME formal_pfc_rx_broken JOB pfc_rx MODE bmc DEPTH 8 LABELS "formal;default"
  BREAK no_hysteresis EXPECT_REFUTED hysteresis)
sb_formal_test(NAME formal_pfc_rx_broken_repeat JOB pfc_rx MODE bmc DEPTH 8 LABELS "formal;default"
  BREAK xoff_repeat EXPECT_REFUTED refresh)
sb_formal_test(NAME formal_pfc_rx_reach JOB pfc_rx MODE bmc DEPTH 8 LABELS "formal;default"
  BREAK reach EXPECT_REFUTED reach_resume)

# LLR, two ends over a lossy link (drops and detected corruption both ways;
# MaxDepth 4, seq_bits 4): in-order exactly-once delivery, the replay window
# (read pointer, occupancy, hw, sent), acknowledgements never free an
# undelivered flit. With yosys' bit-level `sat` (z3 needed 80 s for the first
# step after reset): k-induction closes at length 5, about 60 s.
sb_formal_test(NAME formal_llr JOB llr MODE prove DEPTH 8 LABELS "formal;long" TIMEOUT 1200)
# Broken variants, refuted at steps 3-6 (26-43 s each, mostly elaboration of
# the CRC): the receiver delivers duplicates; an ACK frees one flit too many;
# up_ready_o ignores a full buffer. reach: a delivery after a replay is
# reachable (sanity).
sb_formal_test(NAME formal_llr_broken JOB llr MODE bmc DEPTH 8 LABELS "formal;long" TIMEOUT 900
  BREAK deliver_dup EXPECT_REFUTED deliver_order)
sb_formal_test(NAME formal_llr_broken_ack JOB llr MODE bmc DEPTH 8 LABELS "formal;long" TIMEOUT 900
  BREAK ack_overfree EXPECT_REFUTED ack_safe)
sb_formal_test(NAME formal_llr_broken_full JOB llr MODE bmc DEPTH 8 LABELS "formal;long" TIMEOUT 900
  BREAK ready_full EXPECT_REFUTED occ_bound)
sb_formal_test(NAME formal_llr_reach JOB llr MODE bmc DEPTH 8 LABELS "formal;long" TIMEOUT 900
  BREAK reach EXPECT_REFUTED reach_replay_delivery)

# Crossbar (N = 2, 1 class, MaxDepth 2, MaxPipe 2, any legal cfg: VOQ/FIFO,
# iSLIP/RRM, iters, depth, pipe), yosys sat on the gate-level model (z3 got
# no further than 2 steps). One-hot grants per input and per output with the
# lock-pairing invariant: PROVEN, induction closes at length 1 (about 30 s).
sb_formal_test(NAME formal_xbar_onehot JOB xbar MODE prove DEPTH 6 LABELS "formal;long"
  ONLY "onehot_in,onehot_out,inv_lock")
# Everything (also conservation, in-order delivery, routing, framing,
# credits): BOUNDED, BMC 6 in about 4 minutes (the induction does not close
# at length <= 3 without invariants on the queue contents).
sb_formal_test(NAME formal_xbar JOB xbar MODE bmc DEPTH 6 LABELS "formal;long" TIMEOUT 2400)
# Broken variants (about 30 s each, mostly elaboration): requests ignore the
# input lock (onehot_in REFUTED at step 4); a dequeue keeps its count
# (conservation REFUTED at step 3).
sb_formal_test(NAME formal_xbar_broken JOB xbar MODE bmc DEPTH 6 LABELS "formal;long" TIMEOUT 900
  BREAK grant_not_onehot EXPECT_REFUTED onehot_in)
sb_formal_test(NAME formal_xbar_broken_count JOB xbar MODE bmc DEPTH 6 LABELS "formal;long" TIMEOUT 900
  BREAK count_leak EXPECT_REFUTED conservation)
