namespace Unyo.Tests.ConfigAsCode;

// OpenSLO v1 files as teams write them, after the specification's examples.
public static class OpenSloFiles
{
    // A Prometheus DataSource, a referenced AlertPolicy and AlertCondition, an inline one, and an
    // SLO whose inline SLI counts errors (bad) against all requests (total) as bare counters.
    public const string Checkout = """
        apiVersion: openslo/v1
        kind: DataSource
        metadata:
          name: metrics
        spec:
          type: Prometheus
          connectionDetails:
            url: http://prometheus.internal:9090
        ---
        apiVersion: openslo/v1
        kind: AlertCondition
        metadata:
          name: fast-burn
        spec:
          description: Two percent of four weeks' budget within an hour
          severity: page
          condition:
            kind: burnrate
            op: gt
            threshold: 13.44
            lookbackWindow: 1h
            alertAfter: 5m
        ---
        apiVersion: openslo/v1
        kind: AlertPolicy
        metadata:
          name: page-on-fast-burn
        spec:
          alertWhenBreaching: true
          alertWhenResolved: true
          alertWhenNoData: false
          conditions:
            - conditionRef: fast-burn
          notificationTargets:
            - targetRef: payments-pager
        ---
        apiVersion: openslo/v1
        kind: AlertNotificationTarget
        metadata:
          name: payments-pager
        spec:
          target: pagerduty
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: checkout-availability
          displayName: Checkout availability
          labels:
            tier: "1"
        spec:
          description: Buyers can pay.
          service: checkout
          indicator:
            metadata:
              name: checkout-errors
            spec:
              ratioMetric:
                counter: true
                bad:
                  metricSource:
                    metricSourceRef: metrics
                    spec:
                      query: http_requests_total{job="checkout",code=~"5.."}
                total:
                  metricSource:
                    metricSourceRef: metrics
                    type: Prometheus
                    spec:
                      query: http_requests_total{job="checkout"}
          timeWindow:
            - duration: 4w
              isRolling: true
          budgetingMethod: Occurrences
          objectives:
            - displayName: Checkout answers
              target: 0.999
          alertPolicies:
            - alertPolicyRef: page-on-fast-burn
            - kind: AlertPolicy
              metadata:
                name: slow-burn
              spec:
                alertWhenBreaching: true
                alertWhenResolved: true
                alertWhenNoData: false
                conditions:
                  - kind: AlertCondition
                    metadata:
                      name: slow-burn
                    spec:
                      severity: ticket
                      condition:
                        kind: burnrate
                        op: gte
                        threshold: 1
                        lookbackWindow: 3d
                notificationTargets:
                  - targetRef: payments-pager
        """;

    // A standalone SLI reading a precomputed success ratio, and a calendar-month SLO budgeted by
    // time slices with two objectives (an internal goal and the SLA).
    public const string Search = """
        apiVersion: openslo/v1
        kind: SLI
        metadata:
          name: search-success
        spec:
          description: Share of searches answered without error.
          ratioMetric:
            counter: false
            rawType: success
            raw:
              metricSource:
                type: Prometheus
                spec:
                  url: http://thanos-query:10902
                  promql: avg_over_time(search:success_ratio:rate1m[{{window}}])
        ---
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: search
          displayName: Search
        spec:
          service: search
          indicatorRef: search-success
          timeWindow:
            - duration: 1M
              isRolling: false
              calendar:
                startTime: 2025-01-01 00:00:00
                timeZone: Europe/Berlin
          budgetingMethod: Timeslices
          objectives:
            - displayName: Internal goal
              op: gte
              targetPercent: 99.5
              timeSliceTarget: 0.95
              timeSliceWindow: 5m
            - displayName: SLA
              target: 0.99
              timeSliceTarget: 0.9
              timeSliceWindow: 10
        """;

    // Events Unyo receives itself: an OTLP histogram judged against 300 ms.
    public const string Latency = """
        apiVersion: openslo/v1
        kind: SLO
        metadata:
          name: checkout-latency
        spec:
          service: checkout
          indicator:
            metadata:
              name: checkout-fast
            spec:
              ratioMetric:
                counter: false
                good:
                  metricSource:
                    type: Unyo
                    spec:
                      source: otlp
                      metric: http.server.request.duration
                      attributes: {service.name: checkout}
                      latencyThresholdMs: 300
                total:
                  metricSource:
                    type: Unyo
                    spec:
                      source: otlp
                      metric: http.server.request.duration
                      attributes: {service.name: checkout}
          timeWindow: [{duration: 7d, isRolling: true}]
          budgetingMethod: Occurrences
          objectives: [{targetPercent: 99}]
        """;
}
