//! Bounded response bodies. A hostile or broken endpoint (STS, SSO, anything
//! reached through `AWS_ENDPOINT_URL*`) could otherwise stream gigabytes into
//! memory within the timeout: the SDK reads a whole response before parsing
//! it. Every response body passes through `http_body_util::Limited`, so
//! reading past [`MAX_BODY`] fails the call instead.

use aws_sdk_sts::config::SharedHttpClient;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::body::SdkBody;

/// No STS or SSO answer comes near this: they are a few KiB.
pub const MAX_BODY: usize = 1024 * 1024;

/// `inner` with every response body bounded.
pub fn wrap(inner: SharedHttpClient) -> SharedHttpClient {
    SharedHttpClient::new(Client(inner))
}

#[derive(Debug)]
struct Client(SharedHttpClient);

impl HttpClient for Client {
    fn http_connector(
        &self,
        settings: &HttpConnectorSettings,
        components: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(Connector(self.0.http_connector(settings, components)))
    }
}

#[derive(Debug)]
struct Connector(SharedHttpConnector);

impl HttpConnector for Connector {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        let call = self.0.call(request);
        HttpConnectorFuture::new(async move {
            let response = call.await?;
            Ok(response
                .map(|body| SdkBody::from_body_1_x(http_body_util::Limited::new(body, MAX_BODY))))
        })
    }
}
