// config.js: deployment settings of the web client. Edit this file on the server; nothing is built.
// A tile server other than OpenStreetMap must also be allowed in nginx's Content-Security-Policy
// (img-src in nginx/server_phananh.conf). The pages work without tiles (plain background + pins).
export default {
	apiBase: '/api/v1',
	tileUrl: 'https://tile.openstreetmap.org/{z}/{x}/{y}.png',
	tileAttribution: '© OpenStreetMap contributors',
	tileMaxZoom: 19,
	mapCenter: [13.7765, 109.2237],	// Quy Nhơn
	mapZoom: 13,
	timeZone: 'Asia/Ho_Chi_Minh',
	utcOffset: '+07:00',		// for datetime-local inputs (Vietnam has no DST)
	maxFiles: 6,
	maxPhotoBytes: 15 * 1024 * 1024,
	maxVideoBytes: 50 * 1024 * 1024,
	pageSize: 20,
};
