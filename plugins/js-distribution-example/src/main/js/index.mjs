// Distribution example: level n of the upline earns rates[n-1] basis points of the paid amount.
// Amounts are integer minor units, rounded toward zero so a split never exceeds its base.

function rates(config) {
  return Array.isArray(config.rates) ? config.rates : [1000, 500];
}

export function bind(ctx, request) {
  if (request.current === null) {
    return { bind: true, reason: 'NEW_BINDING' };
  }
  if (request.current.referrerId === request.referrerId) {
    return { bind: false, reason: 'ALREADY_BOUND' };
  }
  if ((ctx.config.binding || 'first-touch') === 'last-touch') {
    return { bind: true, reason: 'LAST_TOUCH_REPLACES' };
  }
  return { bind: false, reason: 'FIRST_TOUCH_KEEPS_EXISTING' };
}

export function commissions(ctx, event, upline) {
  const levels = rates(ctx.config);
  const splits = [];
  for (let level = 1; level <= Math.min(levels.length, upline.length); level++) {
    const minor = Math.trunc(event.amount.minor * levels[level - 1] / 10000);
    if (minor > 0) {
      splits.push({
        level,
        beneficiaryId: upline[level - 1],
        amount: { minor, currency: event.amount.currency },
        reason: `L${level} ${levels[level - 1] / 100}% of ${(event.amount.minor / 100).toFixed(2)}`,
      });
    }
  }
  const frozenDays = ctx.config.frozenDays ?? 7;
  return { splits, frozenPeriod: `P${frozenDays}D` };
}

export function limits(config) {
  const levels = rates(config);
  return { levels: levels.length, totalRate: levels.reduce((sum, rate) => sum + rate, 0) };
}

export function validate(config) {
  const total = rates(config).reduce((sum, rate) => sum + rate, 0);
  return total > 10000 ? [{ path: '$.rates', message: `the rates add up to ${total} bp, more than 100%` }] : [];
}
