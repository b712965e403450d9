// The trend ranges the dashboards offer (also imported by the browser: no server code here).
export const TREND_RANGES = [30, 90, 365] as const;
export type TrendRange = (typeof TREND_RANGES)[number];
