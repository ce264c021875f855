;; Reports a 100 KB panic message full of escape sequences, then traps: the message is
;; shown cut short and escaped.
;;
;; expect: panic
;; says: panicked
;; says: \u{1b}[2J
(module
  (import "jaring:plugin/host@0.1.0" "log" (func $log (param i32 i32 i32)))
  (memory (export "memory") 40)
  ;; allocations start above the data
  (global $heap (mut i32) (i32.const 65536))
  (data (i32.const 16) "wat-honest")
  (data (i32.const 32) "1.0.0")
  (data (i32.const 48) "not apportioning")
  ;; plugin-info at 64: name (ptr, len), version (ptr, len), apportions, attributes (ptr, len)
  (data (i32.const 64) "\10\00\00\00\0a\00\00\00\20\00\00\00\05\00\00\00\00\00\00\00\00\00\00\00\00\00\00\00")

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

  ;; assess, hostile
  (func (export "assess") (param $args i32) (result i32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.const 102400)))
        (i32.store (i32.add (i32.const 1048576) (local.get $i)) (i32.const 0x4a325b1b))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (call $log (i32.const 2) (i32.const 1048576) (i32.const 102400))
    unreachable)

  ;; apportion: an error (1) with a message (ptr, len) @4
  (func (export "apportion") (param $args i32) (result i32)
    (local $ret i32)
    (local.set $ret (call $alloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.const 12)))
    (i32.store8 (local.get $ret) (i32.const 1))
    (i32.store offset=4 (local.get $ret) (i32.const 48))
    (i32.store offset=8 (local.get $ret) (i32.const 16))
    (local.get $ret))
)
