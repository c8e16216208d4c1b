// Where the servers of the end-to-end tests listen: the portal, and two websites of a
// municipality on other origins (another port is another origin), one registered for Aarau's
// search widget and one not.
export const portalPort = Number(process.env.SCHALTER_E2E_PORT ?? '3107');
export const portalURL = `http://127.0.0.1:${portalPort}`;
export const registeredHostPort = portalPort + 1;
export const unregisteredHostPort = portalPort + 2;
export const registeredHost = `http://127.0.0.1:${registeredHostPort}`;
export const unregisteredHost = `http://127.0.0.1:${unregisteredHostPort}`;
