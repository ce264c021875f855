//! The money: funding sources (kind, budget, own quota, citation), the order they are drawn
//! on, the program's quota and sub-quotas, and whether the budgets pay for the quotas — with
//! the arithmetic shown when they do not.

use std::collections::BTreeMap;

use super::{Checker, code_list};
use crate::diag::{Span, closest};
use crate::i18n::{Arg, Msg, plural};
use crate::money::{Rupiah, grouped};
use crate::msg;
use crate::policy::ast::{Body, FundingDecl, QuotaTarget, Spanned, Statement};
use crate::policy::program::{FundingKind, FundingSource, Quota, Reserve, SubQuota, SubQuotaTarget};
use crate::region::{self, regions};

impl Checker<'_> {
    pub(super) fn funding(&mut self, premiums: Option<&(Vec<Rupiah>, Rupiah)>) -> Option<Vec<FundingSource>> {
        let found = self.statements(|b| match b {
            Body::Funding(f) => Some(f),
            _ => None,
        });
        self.require("funding", (!found.is_empty()).then_some(()))?;
        let mut sources: Vec<(FundingSource, Span)> = Vec::new();
        let mut ok = true;
        for (s, decl) in &found {
            match self.funding_source(s, decl, premiums) {
                Some(source) => {
                    let name_span = decl.name.as_ref().map_or(s.keyword, |n| n.span);
                    if let Some((_, first)) = sources.iter().find(|(f, _)| f.id == source.id) {
                        let first = *first;
                        ok = false;
                        self.error("duplicate-name", name_span, msg!("duplicate-funding", id = &source.id))
                            .secondary(first, msg!("first-declared-here"))
                            .help(msg!("duplicate-funding.help"));
                        continue;
                    }
                    sources.push((source, name_span));
                }
                None => ok = false,
            }
        }
        let order = self.statements(|b| match b {
            Body::FundingOrder(names) => Some(names),
            _ => None,
        });
        let ordered = match self.single("funding-order", order) {
            Some((s, names)) => self.funding_order(s, names, &sources),
            None => Some(sources.iter().map(|(f, _)| f.clone()).collect()),
        };
        if ok { ordered } else { None }
    }

    fn funding_source(
        &mut self,
        s: &Statement,
        decl: &FundingDecl,
        premiums: Option<&(Vec<Rupiah>, Rupiah)>,
    ) -> Option<FundingSource> {
        let id = decl.name.as_ref()?.value.clone();
        let name_span = decl.name.as_ref().map_or(s.keyword, |n| n.span);
        let mut ok = true;
        let kind = match decl.kinds.as_slice() {
            [] => {
                if !decl.written.contains(&"kind") {
                    self.error("missing-funding-kind", name_span, msg!("missing-funding-kind", id = &id))
                        .help(msg!("missing-funding-kind.help", kinds => kinds_list()));
                }
                None
            }
            [kind, rest @ ..] => {
                for extra in rest {
                    self.error("duplicate-statement", extra.span, msg!("funding-twice", keyword = "kind"))
                        .help(msg!("funding-twice.help-kind"));
                }
                let parsed = FundingKind::parse(&kind.value);
                if parsed.is_none() {
                    let help = match closest(&kind.value, FundingKind::ALL.iter().map(|(n, _)| *n)) {
                        Some(c) => msg!("did-you-mean", word = c),
                        None => msg!("unknown-funding-kind.help", kinds => kinds_list()),
                    };
                    self.error(
                        "unknown-funding-kind",
                        kind.span,
                        msg!("unknown-funding-kind", kind = &kind.value),
                    )
                    .label(msg!("unknown-funding-kind.label"))
                    .help(help);
                }
                parsed
            }
        };
        let budget = match decl.budgets.as_slice() {
            [] => {
                if !decl.written.contains(&"budget") {
                    self.error("missing-budget", name_span, msg!("missing-budget", id = &id))
                        .help(msg!("missing-budget.help"));
                }
                None
            }
            [budget, rest @ ..] => {
                for extra in rest {
                    self.error("duplicate-statement", extra.span, msg!("funding-twice", keyword = "budget"))
                        .help(msg!("funding-twice.help-budget"));
                }
                if budget.value == Rupiah::ZERO {
                    ok = false;
                    self.error("zero-budget", budget.span, msg!("zero-budget"))
                        .help(msg!("zero-budget.help"));
                }
                Some(budget)
            }
        };
        let quota = match decl.quotas.as_slice() {
            [] => None,
            [q, rest @ ..] => {
                for extra in rest {
                    self.error(
                        "duplicate-statement",
                        extra.count.span,
                        msg!("funding-twice", keyword = "quota"),
                    )
                    .help(msg!("funding-twice.help-quota"));
                }
                if let Some(target) = q.target {
                    ok = false;
                    self.error("funding-quota-target", target, msg!("funding-quota-target"))
                        .label(msg!("funding-quota-target.label"))
                        .help(msg!("funding-quota-target.help"));
                }
                match self.positive_count(&q.count, msg!("what-quota")) {
                    Some(n) => Some((n, q.count.span)),
                    None => {
                        ok = false;
                        None
                    }
                }
            }
        };
        let cite = match decl.cites.as_slice() {
            [] => None,
            [c, rest @ ..] => {
                for extra in rest {
                    self.error("duplicate-statement", extra.span, msg!("funding-twice", keyword = "cite"))
                        .help(msg!("funding-twice.help-cite"));
                }
                self.cite(Some(c))
            }
        };
        if let (Some(budget), Some((q, q_span)), Some((monthly, per_worker))) = (budget, quota, premiums) {
            let need = per_worker.checked_mul(u64::from(q));
            if need.is_none_or(|need| need > budget.value) {
                ok = false;
                let affordable = budget.value.0 / per_worker.0.max(1);
                let raise =
                    need.map_or_else(|| Arg::from(msg!("a-larger-amount")), |n| Arg::Text(n.to_string()));
                self.error(
                    "budget-short",
                    budget.span,
                    msg!(
                        "funding-budget-short",
                        id = &id,
                        arithmetic => cost_text(q, monthly, *per_worker),
                        budget = budget.value
                    ),
                )
                .label(msg!("funding-budget-short.label"))
                .secondary(q_span, msg!("funding-budget-short.quota"))
                .help(msg!("funding-budget-short.help", need => raise, affordable = grouped(affordable)));
            }
        }
        if let (Some(budget), Some((monthly, _))) = (budget, premiums) {
            let month_premium = monthly.first().copied().unwrap_or(Rupiah::ZERO);
            if monthly.iter().all(|m| *m == month_premium)
                && month_premium.0 > 0
                && budget.value.0 % month_premium.0 != 0
            {
                self.warning(
                    "budget-not-whole-months",
                    budget.span,
                    msg!("budget-not-whole-months", budget = budget.value, premium = month_premium),
                )
                .label(msg!("budget-not-whole-months.label", left = Rupiah(budget.value.0 % month_premium.0)))
                .help(msg!("budget-not-whole-months.help"));
            }
        }
        if !ok {
            return None;
        }
        Some(FundingSource { id, kind: kind?, budget: budget?.value, quota: quota.map(|(n, _)| n), cite })
    }

    fn funding_order(
        &mut self,
        s: &Statement,
        names: &[Spanned<String>],
        sources: &[(FundingSource, Span)],
    ) -> Option<Vec<FundingSource>> {
        let mut ordered: Vec<FundingSource> = Vec::new();
        let mut ok = true;
        for name in names {
            match sources.iter().find(|(f, _)| f.id == name.value) {
                Some((f, _)) if ordered.iter().any(|o| o.id == f.id) => {
                    ok = false;
                    self.error("duplicate-name", name.span, msg!("listed-twice", name = &name.value))
                        .help(msg!("funding-order-twice.help"));
                }
                Some((f, _)) => ordered.push(f.clone()),
                None => {
                    ok = false;
                    let declared: Vec<&str> = sources.iter().map(|(f, _)| f.id.as_str()).collect();
                    let help = match closest(&name.value, declared.iter().copied()) {
                        Some(c) => msg!("did-you-mean", word = c),
                        None => msg!("undeclared-funding.help", name = &name.value),
                    };
                    self.error(
                        "undeclared-funding",
                        name.span,
                        msg!("undeclared-funding", name = &name.value),
                    )
                    .label(msg!("undeclared-funding.label"))
                    .help(help);
                }
            }
        }
        let missing: Vec<&str> = sources
            .iter()
            .filter(|(f, _)| !names.iter().any(|n| n.value == f.id))
            .map(|(f, _)| f.id.as_str())
            .collect();
        if !missing.is_empty() && ok {
            ok = false;
            let missing = Arg::AllOf(missing.iter().map(|m| Arg::Text(format!("`{m}`"))).collect());
            self.error(
                "funding-order-incomplete",
                s.span,
                msg!("funding-order-incomplete", missing => missing),
            )
            .help(msg!("funding-order-incomplete.help"));
        }
        ok.then_some(ordered)
    }

    /// A quota's count; `what` names it (a quota, a sub-quota).
    fn positive_count(&mut self, count: &Spanned<i64>, what: Msg) -> Option<u32> {
        match u32::try_from(count.value) {
            Ok(n) if n > 0 => Some(n),
            Ok(_) | Err(_) if count.value <= 0 => {
                self.error(
                    "non-positive-quota",
                    count.span,
                    msg!("non-positive-quota", what => what.clone()),
                )
                .label(msg!("non-positive-quota.label", count = count.value))
                .help(msg!("non-positive-quota.help", what => what));
                None
            }
            _ => {
                self.error(
                    "non-positive-quota",
                    count.span,
                    msg!("quota-too-large", count = count.value, what => what),
                );
                None
            }
        }
    }

    pub(super) fn total_quota(&mut self) -> Option<Quota> {
        let found = self.statements(|b| match b {
            Body::Quota { count, target: QuotaTarget::Total } => Some(count),
            _ => None,
        });
        let (s, count) = self.single("quota", found)?;
        let cite = self.cite(s.cite.as_ref());
        self.uncited(s, msg!("rule-quota"));
        let n = self.positive_count(count, msg!("what-quota"))?;
        Some(Quota { count: n, cite })
    }

    pub(super) fn sub_quotas(
        &mut self,
        total: Option<&Quota>,
        eligible: Option<&Vec<String>>,
        program_region: Option<&str>,
    ) -> Vec<SubQuota> {
        let found = self.statements(|b| match b {
            Body::Quota { count, target } if !matches!(target, QuotaTarget::Total) => Some((count, target)),
            _ => None,
        });
        let mut out = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        let mut sums: [(u64, Vec<u32>); 2] = [(0, Vec::new()), (0, Vec::new())];
        for (s, (count, target)) in found {
            let cite = self.cite(s.cite.as_ref());
            let n = self.positive_count(count, msg!("what-sub-quota"));
            if let (Some(n), Some(total)) = (n, total)
                && n > total.count
            {
                self.error(
                    "sub-quota-above-total",
                    count.span,
                    msg!(
                        "sub-quota-above-total",
                        count = grouped(n.into()),
                        total = grouped(total.count.into())
                    ),
                )
                .label(msg!("sub-quota-above-total.label"))
                .help(msg!("sub-quota-above-total.help"));
            }
            let Some((target, kind)) = self.group_target(target, eligible, program_region, &mut seen) else {
                continue;
            };
            if let Some(n) = n {
                sums[kind].0 += u64::from(n);
                sums[kind].1.push(n);
                out.push(SubQuota { count: n, target, cite });
            }
        }
        // a waiting place names its sub-quota by a 16-bit number (`decision::WaitReason`)
        let max = usize::from(u16::MAX);
        if out.len() > max {
            let header = self.decl.header;
            self.error(
                "sub-quotas-too-many",
                header,
                msg!("sub-quotas-too-many", count = grouped(out.len() as u64), max = grouped(max as u64)),
            )
            .help(msg!("sub-quotas-too-many.help"));
        }
        if let Some(total) = total {
            for (kind, (sum, parts)) in sums.iter().enumerate() {
                if *sum > u64::from(total.count) && parts.len() > 1 {
                    let what = if kind == 0 {
                        msg!("sub-quotas-of-occupations")
                    } else {
                        msg!("sub-quotas-of-regions")
                    };
                    let header = self.decl.header;
                    let terms: Vec<String> = parts.iter().map(|p| grouped((*p).into())).collect();
                    self.error(
                        "sub-quotas-exceed-total",
                        header,
                        msg!(
                            "sub-quotas-exceed-total",
                            what => what.clone(),
                            terms = terms.join(" + "),
                            sum = grouped(*sum),
                            total = grouped(total.count.into())
                        ),
                    )
                    .help(msg!("sub-quotas-exceed-total.help", what => what));
                }
            }
        }
        out
    }

    /// The group a sub-quota or a reserve is for, checked: eligible occupations, regions
    /// inside the program's, no group named twice in `seen`. The second value says which
    /// kind (0 occupations, 1 regions).
    fn group_target(
        &mut self,
        target: &QuotaTarget,
        eligible: Option<&Vec<String>>,
        program_region: Option<&str>,
        seen: &mut BTreeMap<String, Span>,
    ) -> Option<(SubQuotaTarget, usize)> {
        Some(match target {
            QuotaTarget::Occupations(codes) => {
                let mut valid = Vec::new();
                for code in codes {
                    if eligible.is_some_and(|e| !e.contains(&code.value)) {
                        self.error(
                            "sub-quota-not-eligible",
                            code.span,
                            msg!("sub-quota-not-eligible", code = &code.value),
                        )
                        .label(msg!("sub-quota-not-eligible.label"))
                        .help(msg!("sub-quota-not-eligible.help"));
                        continue;
                    }
                    if self.seen_once(seen, &code.value, code.span) {
                        valid.push(code.value.clone());
                    }
                }
                (SubQuotaTarget::Occupations(valid), 0)
            }
            QuotaTarget::Regions(codes) => {
                let mut valid = Vec::new();
                for code in codes {
                    let Some(c) = self.region_code(code) else { continue };
                    if let Some(program) = program_region
                        && (!region::within(&c, program) || c == program)
                    {
                        self.error(
                            "region-outside-program",
                            code.span,
                            msg!(
                                "sub-quota-region-outside",
                                code = &c,
                                name = regions().name(&c).unwrap_or(""),
                                program = program
                            ),
                        )
                        .label(msg!("region-outside-program.label"))
                        .help(super::eligibility::children_help(program));
                        continue;
                    }
                    if let Some((other, span)) =
                        seen.iter().find(|(o, _)| region::within(&c, o) || region::within(o, &c))
                    {
                        let span = *span;
                        let other = other.clone();
                        self.error(
                            "duplicate-name",
                            code.span,
                            msg!("region-in-two-sub-quotas", code = &c, other = &other),
                        )
                        .secondary(span, msg!("already-here"))
                        .help(msg!("region-in-two-sub-quotas.help"));
                        continue;
                    }
                    seen.insert(c.clone(), code.span);
                    valid.push(c);
                }
                (SubQuotaTarget::Regions(valid), 1)
            }
            QuotaTarget::Total => return None,
        })
    }

    /// Places held for groups (`reserve`): each within the quota, together too.
    pub(super) fn reserves(
        &mut self,
        total: Option<&Quota>,
        eligible: Option<&Vec<String>>,
        program_region: Option<&str>,
    ) -> Vec<Reserve> {
        let found = self.statements(|b| match b {
            Body::Reserve { count, target, release_unused } => Some((count, target, *release_unused)),
            _ => None,
        });
        let mut out = Vec::new();
        let mut seen: BTreeMap<String, Span> = BTreeMap::new();
        let mut sum = 0u64;
        for (s, (count, target, release_unused)) in found {
            let cite = match &s.cite {
                Some(c) => self.cite(Some(c)),
                None => {
                    self.uncited(s, msg!("rule-reserve"));
                    None
                }
            };
            let n = self.positive_count(count, msg!("what-reserve"));
            if let (Some(n), Some(total)) = (n, total)
                && n > total.count
            {
                self.error(
                    "reserve-above-total",
                    count.span,
                    msg!(
                        "reserve-above-total",
                        count = grouped(n.into()),
                        total = grouped(total.count.into())
                    ),
                )
                .help(msg!("reserve-above-total.help"));
            }
            if total.is_none() {
                self.error("reserve-without-quota", s.keyword, msg!("reserve-without-quota"))
                    .help(msg!("reserve-without-quota.help"));
            }
            let Some((target, _)) = self.group_target(target, eligible, program_region, &mut seen) else {
                continue;
            };
            if let Some(n) = n {
                sum += u64::from(n);
                out.push(Reserve { count: n, target, release_unused, cite });
            }
        }
        if let Some(total) = total
            && out.len() > 1
            && sum > u64::from(total.count)
        {
            let terms: Vec<String> = out.iter().map(|r| grouped(r.count.into())).collect();
            let header = self.decl.header;
            self.error(
                "reserves-exceed-total",
                header,
                msg!(
                    "reserves-exceed-total",
                    terms = terms.join(" + "),
                    sum = grouped(sum),
                    total = grouped(total.count.into())
                ),
            )
            .help(msg!("reserves-exceed-total.help"));
        }
        out
    }

    /// Records a name; reports it if already seen. `true` when new.
    fn seen_once(&mut self, seen: &mut BTreeMap<String, Span>, name: &str, span: Span) -> bool {
        if let Some(first) = seen.get(name) {
            let first = *first;
            self.error("duplicate-name", span, msg!("occupation-in-two-sub-quotas", name = name))
                .secondary(first, msg!("already-here"))
                .help(msg!("occupation-in-two-sub-quotas.help"));
            return false;
        }
        seen.insert(name.to_owned(), span);
        true
    }

    /// Can the money pay for the quota? Shows the arithmetic when it cannot.
    pub(super) fn budget_covers_quota(
        &mut self,
        funding: &[FundingSource],
        quota: Option<&Quota>,
        premiums: &(Vec<Rupiah>, Rupiah),
    ) {
        let (monthly, per_worker) = premiums;
        if per_worker.0 == 0 {
            return;
        }
        let total_budget: Rupiah = funding.iter().map(|f| f.budget).sum();
        let capacity: u64 = funding
            .iter()
            .map(|f| {
                let affordable = f.budget.0 / per_worker.0;
                f.quota.map_or(affordable, |q| affordable.min(u64::from(q)))
            })
            .sum();
        let Some(quota) = quota else { return };
        let span = self
            .decl
            .statements
            .iter()
            .find(|s| matches!(s.body, Body::Quota { target: QuotaTarget::Total, .. }))
            .map_or(self.decl.header, |s| s.span);
        let q = quota.count;
        let need = per_worker.checked_mul(u64::from(q)).unwrap_or(Rupiah(u64::MAX));
        let names: Vec<&str> = funding.iter().map(|f| f.id.as_str()).collect();
        let budget_text = if funding.len() == 1 {
            msg!("budget-of-one", budget = total_budget)
        } else {
            msg!("budget-of-several", budget = total_budget, names = names.join(" + "))
        };
        if need > total_budget {
            self.error(
                "budget-short",
                span,
                msg!("budget-short", arithmetic => cost_text(q, monthly, *per_worker), budget => budget_text),
            )
            .label(msg!("budget-short.label"))
            .help(msg!(
                "budget-short.help",
                need = need,
                affordable = grouped(total_budget.0 / per_worker.0),
                budget = total_budget
            ));
            return;
        }
        if capacity < u64::from(q) {
            self.error(
                "budget-short",
                span,
                msg!("budget-short-capacity", capacity = grouped(capacity), quota = grouped(q.into())),
            )
            .help(msg!("budget-short-capacity.help"));
            return;
        }
        let spare = total_budget.saturating_sub(need);
        if spare >= *per_worker {
            self.warning(
                "budget-unused",
                span,
                msg!(
                    "budget-unused",
                    need = need,
                    budget => budget_text,
                    spare = spare,
                    more = grouped(spare.0 / per_worker.0)
                ),
            )
            .help(msg!("budget-unused.help"));
        }
    }
}

/// `32.268 × Rp16.800 × 3 months = Rp1.626.307.200`
fn cost_text(count: u32, monthly: &[Rupiah], per_worker: Rupiah) -> Msg {
    let total = per_worker
        .checked_mul(u64::from(count))
        .map_or_else(|| Arg::from(msg!("too-much")), |t| Arg::Text(t.to_string()));
    let first = monthly.first().copied().unwrap_or(Rupiah::ZERO);
    let months = monthly.len();
    let count = grouped(count.into());
    if monthly.iter().all(|m| *m == first) {
        msg!("cost-flat", count = count, premium = first, months = months, plural = plural(months as u64), total => total)
    } else {
        msg!("cost-varying", count = count, premium = per_worker, months = months, plural = plural(months as u64), total => total)
    }
}

fn kinds_list() -> Arg {
    code_list(FundingKind::ALL.iter().map(|(n, _)| *n))
}
