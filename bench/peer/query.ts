// The bench query: one deep fan-out across the four subgraphs. The planner needs about ten
// subgraph fetches for it (including the @requires hop to inventory), and the answer is ~64 KB.
export const QUERY = /* GraphQL */ `
  fragment UserFields on User {
    id
    username
    name
  }
  fragment ReviewFields on Review {
    id
    body
  }
  fragment ProductFields on Product {
    upc
    name
    price
    weight
    inStock
    shippingEstimate
  }
  query PeerBench {
    users {
      ...UserFields
      reviews {
        ...ReviewFields
        product {
          ...ProductFields
          reviews {
            ...ReviewFields
            author {
              ...UserFields
              reviews {
                ...ReviewFields
                product {
                  ...ProductFields
                }
              }
            }
          }
        }
      }
    }
    topProducts {
      ...ProductFields
      reviews {
        ...ReviewFields
        author {
          ...UserFields
          reviews {
            ...ReviewFields
            product {
              ...ProductFields
            }
          }
        }
      }
    }
  }
`;
