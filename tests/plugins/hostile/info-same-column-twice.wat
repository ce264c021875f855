;; Declares one column twice, spelled differently.
;;
;; expect: info
;; says: twice
(module
  (import "jaring:plugin/host@0.1.0" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 32)
  ;; allocations start above the data
  (global $heap (mut i32) (i32.const 65536))
  (data (i32.const 16) "wat-honest")
  (data (i32.const 32) "1.0.0")
  (data (i32.const 48) "not apportioning")
  ;; plugin-info at 64: name (ptr, len), version (ptr, len), apportions, attributes (ptr, len)
  (data (i32.const 64) "\10\00\00\00\0a\00\00\00\20\00\00\00\05\00\00\00\00\00\00\00\00\08\00\00\02\00\00\00")
  (data (i32.const 1024) "urutan_usulan")
  (data (i32.const 1038) "URUTAN-USULAN")
  (data (i32.const 2048) "\00\04\00\00\0d\00\00\00\0e\04\00\00\0d\00\00\00")

  (func $alloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $p i32)
    (local.set $p
      (i32.and
        (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
        (i32.sub (i32.const 0) (local.get $align))))
    (global.set $heap (i32.add (local.get $p) (local.get $size)))
    (if (i32.gt_u (global.get $heap) (i32.mul (memory.size) (i32.const 65536)))
      (then
        (if (i32.eq
              (memory.grow (i32.add (i32.const 1)
                (i32.shr_u (i32.sub (global.get $heap) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16))))
              (i32.const -1))
          (then unreachable))))
    (local.get $p))

  (func (export "info") (result i32) (i32.const 64))

  ;; assess(program, applicants): the arguments are in memory at $args: the program record
  ;; (88 bytes), then the applicants list (ptr at 88, len at 92); an applicant is 64 bytes,
  ;; its id first. An assessment is 72 bytes: id @0, verdict @4 (0 = accept), priority @48,
  ;; group option @52, notes list @64. The result is at the returned pointer: 0 = ok @0, the
  ;; list (ptr, len) @4.
  (func (export "assess") (param $args i32) (result i32)
    (local $apps i32) (local $n i32) (local $out i32) (local $i i32) (local $a i32) (local $ret i32)
    (local.set $apps (i32.load offset=88 (local.get $args)))
    (local.set $n (i32.load offset=92 (local.get $args)))
    (local.set $out (call $alloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.mul (local.get $n) (i32.const 72))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $a (i32.add (local.get $out) (i32.mul (local.get $i) (i32.const 72))))
        (i32.store (local.get $a) (i32.load (i32.add (local.get $apps) (i32.mul (local.get $i) (i32.const 64)))))
        (i32.store8 offset=4 (local.get $a) (i32.const 0))
        (i32.store offset=48 (local.get $a) (i32.const 1))
        (i32.store8 offset=52 (local.get $a) (i32.const 0))
        (i32.store offset=64 (local.get $a) (i32.const 0))
        (i32.store offset=68 (local.get $a) (i32.const 0))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    (local.set $ret (call $alloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 12)))
    (i32.store8 (local.get $ret) (i32.const 0))
    (i32.store offset=4 (local.get $ret) (local.get $out))
    (i32.store offset=8 (local.get $ret) (local.get $n))
    (local.get $ret))

  ;; apportion: an error (1) with a message (ptr, len) @4
  (func (export "apportion") (param $args i32) (result i32)
    (local $ret i32)
    (local.set $ret (call $alloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 12)))
    (i32.store8 (local.get $ret) (i32.const 1))
    (i32.store offset=4 (local.get $ret) (i32.const 48))
    (i32.store offset=8 (local.get $ret) (i32.const 16))
    (local.get $ret))
)
