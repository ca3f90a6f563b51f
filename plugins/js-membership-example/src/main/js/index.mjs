// Membership example: 1 point per yuan paid (configurable), times the tier multiplier.
// Money is integer minor units; every division rounds toward zero with Math.trunc.

const TIERS = [
  { tier: 'gold', tierName: 'Gold', minGrowth: 10000, discount: 500, pointsMultiplier: 15000, perks: ['free shipping', '5% member price'] },
  { tier: 'silver', tierName: 'Silver', minGrowth: 2000, discount: 200, pointsMultiplier: 12000, perks: ['2% member price'] },
  { tier: 'none', tierName: 'Member', minGrowth: 0, discount: 0, pointsMultiplier: 10000, perks: [] },
];
const DAY_MS = 24 * 60 * 60 * 1000;

function setting(ctx, key, fallback) {
  const value = ctx.config[key];
  return value === undefined || value === null ? fallback : value;
}

function tierOf(member) {
  return TIERS.find((t) => member.growth >= t.minGrowth);
}

export function benefits(ctx, member) {
  const { tier, tierName, discount, pointsMultiplier, perks } = tierOf(member);
  return { tier, tierName, discount, pointsMultiplier, perks };
}

export function onOrder(ctx, event, member) {
  if (event.type !== 'PAID') {
    return { points: 0, growth: 0, pointsExpireAt: null, attributes: {}, reason: 'only paid orders earn' };
  }
  const yuan = Math.trunc(event.amount.minor / 100);
  const tier = tierOf(member);
  const points = Math.trunc(yuan * setting(ctx, 'pointsPerYuan', 1) * tier.pointsMultiplier / 10000);
  const expireAt = new Date(Date.parse(ctx.now) + setting(ctx, 'expiryDays', 365) * DAY_MS).toISOString();
  return {
    points,
    growth: yuan,
    pointsExpireAt: expireAt,
    attributes: { tier: tierOf({ growth: member.growth + yuan }).tier },
    reason: `${yuan} yuan x ${tier.pointsMultiplier / 10000} (${tier.tier})`,
  };
}

export function redeem(ctx, member, request) {
  const pointValue = setting(ctx, 'pointValueMinor', 1);
  const currency = request.orderAmount ? request.orderAmount.currency : 'CNY';
  let cap = Math.min(request.requestedPoints, member.points);
  let reason = cap < request.requestedPoints ? 'limited to the balance' : '';
  if (request.orderAmount) {
    const maxValue = Math.trunc(request.orderAmount.minor * setting(ctx, 'maxRedeemRate', 5000) / 10000);
    const maxPoints = Math.trunc(maxValue / pointValue);
    if (maxPoints < cap) {
      cap = maxPoints;
      reason = 'limited to the share of the order points may pay';
    }
  }
  return { points: cap, value: { minor: cap * pointValue, currency }, reason };
}

export function validate(config) {
  const problems = [];
  if (config.pointValueMinor !== undefined && !(Number.isSafeInteger(config.pointValueMinor) && config.pointValueMinor > 0)) {
    problems.push({ path: '$.pointValueMinor', message: 'must be a positive integer number of minor units' });
  }
  return problems;
}
