using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Qalam.Storage.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Subscriptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "mail_to_subscribers",
                table: "posts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "html",
                table: "mail_outbox",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "shared_body_id",
                table: "mail_outbox",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "mail_shared_bodies",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    subject = table.Column<string>(type: "text", nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    html = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mail_shared_bodies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "subscribers",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    blog_id = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    mode = table.Column<int>(type: "integer", nullable: false),
                    token = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    source = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    confirmation_sent_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    confirmed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    unsubscribed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscribers", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscribers_blogs_blog_id",
                        column: x => x.blog_id,
                        principalTable: "blogs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriber_mailings",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    blog_id = table.Column<int>(type: "integer", nullable: false),
                    post_id = table.Column<int>(type: "integer", nullable: true),
                    mode = table.Column<int>(type: "integer", nullable: false),
                    shared_body_id = table.Column<long>(type: "bigint", nullable: true),
                    cursor = table.Column<long>(type: "bigint", nullable: false),
                    recipients = table.Column<int>(type: "integer", nullable: false),
                    started_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    finished_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_subscriber_mailings", x => x.id);
                    table.ForeignKey(
                        name: "fk_subscriber_mailings_blogs_blog_id",
                        column: x => x.blog_id,
                        principalTable: "blogs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_subscriber_mailings_mail_shared_bodies_shared_body_id",
                        column: x => x.shared_body_id,
                        principalTable: "mail_shared_bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_mail_outbox_shared_body_id",
                table: "mail_outbox",
                column: "shared_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_mailings_blog_id",
                table: "subscriber_mailings",
                column: "blog_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_mailings_finished_at",
                table: "subscriber_mailings",
                column: "finished_at");

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_mailings_key",
                table: "subscriber_mailings",
                column: "key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_mailings_post_id",
                table: "subscriber_mailings",
                column: "post_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscriber_mailings_shared_body_id",
                table: "subscriber_mailings",
                column: "shared_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_subscribers_blog_id_email",
                table: "subscribers",
                columns: new[] { "blog_id", "email" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_subscribers_blog_id_mode_confirmed_at",
                table: "subscribers",
                columns: new[] { "blog_id", "mode", "confirmed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_subscribers_token",
                table: "subscribers",
                column: "token",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_mail_outbox_mail_shared_bodies_shared_body_id",
                table: "mail_outbox",
                column: "shared_body_id",
                principalTable: "mail_shared_bodies",
                principalColumn: "id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_mail_outbox_mail_shared_bodies_shared_body_id",
                table: "mail_outbox");

            migrationBuilder.DropTable(
                name: "subscriber_mailings");

            migrationBuilder.DropTable(
                name: "subscribers");

            migrationBuilder.DropTable(
                name: "mail_shared_bodies");

            migrationBuilder.DropIndex(
                name: "ix_mail_outbox_shared_body_id",
                table: "mail_outbox");

            migrationBuilder.DropColumn(
                name: "mail_to_subscribers",
                table: "posts");

            migrationBuilder.DropColumn(
                name: "html",
                table: "mail_outbox");

            migrationBuilder.DropColumn(
                name: "shared_body_id",
                table: "mail_outbox");
        }
    }
}
