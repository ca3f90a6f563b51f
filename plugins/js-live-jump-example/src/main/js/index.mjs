// Live-jump example: links carry only the host's short attribution token, so they stay far below
// WeChat's limits (URL Scheme query 512 chars, WeCom customer_channel 64 bytes).

export function targets(ctx, request) {
  const labels = ['live:interested', `live:room:${request.roomId}`];
  const found = [
    {
      id: 'mp-landing',
      type: 'MINI_PROGRAM_PAGE',
      label: 'Open the store',
      attributes: { appid: ctx.config.appid, path: ctx.config.path || 'pages/live/landing', query: `t=${request.attributionToken}` },
      labels,
    },
  ];
  if (ctx.config.acquisitionUrl) {
    found.push({
      id: 'wecom-advisor',
      type: 'WECOM_ACQUISITION_LINK',
      label: 'Add our advisor',
      attributes: { url: ctx.config.acquisitionUrl, customerChannel: `mk${request.attributionToken}` },
      labels: [...labels, 'wecom:lead'],
    });
  }
  return found;
}

export function validate(config) {
  return typeof config.appid === 'string' ? [] : [{ path: '$.appid', message: 'the mini-program appid is required' }];
}
